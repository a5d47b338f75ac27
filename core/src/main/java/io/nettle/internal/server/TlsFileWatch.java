package io.nettle.internal.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Tells whether any of some files changed (modification time or size) since it last looked:
 * how renewed certificates are noticed without a restart. Polled, so it works on any file
 * system and with the rename-into-place that certificate tools do.
 */
final class TlsFileWatch {
    private final List<Path> files;
    private String seen;

    TlsFileWatch(List<Path> files) {
        this.files = List.copyOf(files);
        this.seen = fingerprint();
    }

    /** Whether the files changed since the last call (or since it was made). */
    boolean changed() {
        String now = fingerprint();
        if (Objects.equals(now, seen)) {
            return false;
        }
        seen = now;
        return true;
    }

    private String fingerprint() {
        StringBuilder sb = new StringBuilder();
        for (Path file : files) {
            try {
                sb.append(Files.getLastModifiedTime(file).toMillis()).append(':').append(Files.size(file)).append(';');
            } catch (IOException gone) {
                sb.append("missing;");
            }
        }
        return sb.toString();
    }
}
