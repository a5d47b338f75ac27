package io.nettle.internal.multipart;

import io.netty.handler.codec.http.multipart.FileUpload;
import io.nettle.http.UploadedFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** An {@link UploadedFile} over one of Netty's decoded file parts, in memory or in a temporary file. */
final class NettyUploadedFile implements UploadedFile {
    private final FileUpload upload;
    private final String filename;

    NettyUploadedFile(FileUpload upload) {
        this.upload = upload;
        this.filename = SafeFilename.of(upload.getFilename());
    }

    @Override
    public String field() {
        return upload.getName();
    }

    @Override
    public String filename() {
        return filename;
    }

    @Override
    public String contentType() {
        String type = upload.getContentType();
        return type == null || type.isBlank() ? "application/octet-stream" : type;
    }

    @Override
    public long size() {
        return upload.length();
    }

    @Override
    public InputStream open() throws IOException {
        return upload.isInMemory() ? new ByteArrayInputStream(upload.get()) : Files.newInputStream(upload.getFile().toPath());
    }

    @Override
    public byte[] bytes() throws IOException {
        return upload.get();
    }

    @Override
    public void saveTo(Path target) throws IOException {
        if (upload.isInMemory()) {
            Files.write(target, upload.get());
        } else {
            Files.copy(upload.getFile().toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String toString() {
        return "UploadedFile[" + field() + ", " + filename + ", " + size() + " bytes]";
    }
}
