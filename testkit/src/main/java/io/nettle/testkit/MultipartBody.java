package io.nettle.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Builds a {@code multipart/form-data} {@link Body}, as a browser sends a form with files:
 * <pre>{@code
 * client.post("/upload", Body.multipart().field("title", "Q3").file("report", "q3.pdf", "application/pdf", bytes).build());
 * }</pre>
 */
public final class MultipartBody {
    private final String boundary = "nettle-" + UUID.randomUUID();
    private final ByteArrayOutputStream parts = new ByteArrayOutputStream();

    MultipartBody() {
    }

    /** Adds a text field. */
    public MultipartBody field(String name, String value) {
        part("form-data; name=\"" + name + "\"", null, value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Adds a file: its field name, file name (sent as given), content type and content. */
    public MultipartBody file(String field, String filename, String contentType, byte[] content) {
        part("form-data; name=\"" + field + "\"; filename=\"" + filename + "\"", contentType, content);
        return this;
    }

    private void part(String disposition, String contentType, byte[] content) {
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
            .append("Content-Disposition: ").append(disposition).append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        parts.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        parts.writeBytes(content);
        parts.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** The body, with its closing boundary and its {@code Content-Type}. */
    public Body build() {
        ByteArrayOutputStream body = new ByteArrayOutputStream(parts.size() + 64);
        body.writeBytes(parts.toByteArray());
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new Body(body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }
}
