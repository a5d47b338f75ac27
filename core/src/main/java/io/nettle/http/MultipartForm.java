package io.nettle.http;

import java.util.List;
import java.util.Optional;

/**
 * A {@code multipart/form-data} body ({@link Request#multipart()}): its text fields and its files.
 * The files live until the response has been sent.
 */
public interface MultipartForm {

    /** The text fields, by name. */
    Params fields();

    /** The files, in the order they came. */
    List<UploadedFile> files();

    /** The first file sent as {@code field}. */
    default Optional<UploadedFile> file(String field) {
        return files().stream().filter(file -> file.field().equals(field)).findFirst();
    }
}
