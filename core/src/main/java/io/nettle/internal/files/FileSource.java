package io.nettle.internal.files;

import java.io.IOException;
import java.util.List;

/** Where static files come from: a directory, or class path resources. Blocking: called off the event loops. */
interface FileSource {

    /** The file at {@code segments} (already checked by {@link SafePath}), or {@code null}. */
    Entry file(List<String> segments) throws IOException;

    /** Whether {@code segments} name a directory. */
    boolean isDirectory(List<String> segments) throws IOException;
}
