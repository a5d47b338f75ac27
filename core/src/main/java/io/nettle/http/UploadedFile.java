package io.nettle.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A file of a {@code multipart/form-data} request ({@link MultipartForm}): in memory when small,
 * in a temporary file otherwise, deleted once the response has been sent. Reading it touches the
 * disk: do it in a blocking endpoint or {@link Connection#runBlocking}.
 */
public interface UploadedFile {

    /** The form field it was sent as. */
    String field();

    /**
     * The file name the client gave, made safe: its last path segment only (a browser may send
     * {@code C:\fakepath\x.png}), without control characters, at most 255 characters;
     * {@code "upload"} when nothing is left. Never trust it as a path on your disk.
     */
    String filename();

    /** The content type the client gave ({@code application/octet-stream} when none). */
    String contentType();

    /** Its size in bytes. */
    long size();

    /** Its content, to read once. */
    InputStream open() throws IOException;

    /** Its content in memory: for small files. */
    byte[] bytes() throws IOException;

    /** Moves (or copies) it to {@code target}, replacing what is there; it is no longer deleted afterwards. */
    void saveTo(Path target) throws IOException;
}
