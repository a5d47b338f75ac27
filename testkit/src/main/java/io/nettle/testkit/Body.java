package io.nettle.testkit;

import io.nettle.http.Json;
import io.nettle.internal.codec.PercentCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A request body for the {@link TestClient}: bytes and their content type.
 *
 * @param bytes       the body
 * @param contentType the {@code Content-Type} to send
 */
public record Body(byte[] bytes, String contentType) {

    public Body {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(contentType, "contentType");
    }

    /** {@code value} as JSON (Jackson). */
    public static Body json(Object value) {
        try {
            return new Body(Json.mapper().writeValueAsBytes(value), "application/json");
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot serialize to JSON: " + value, e);
        }
    }

    /** Raw JSON text, sent as is (also when it is not valid JSON). */
    public static Body rawJson(String json) {
        return new Body(json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** An {@code application/x-www-form-urlencoded} form. */
    public static Body form(Map<String, String> fields) {
        StringJoiner joiner = new StringJoiner("&");
        fields.forEach((name, value) -> joiner.add(PercentCodec.encodeQueryComponent(name) + "=" + PercentCodec.encodeQueryComponent(value)));
        return new Body(joiner.toString().getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    }

    /** UTF-8 text. */
    public static Body text(String text) {
        return new Body(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /** A {@code multipart/form-data} body to build: fields and files. */
    public static MultipartBody multipart() {
        return new MultipartBody();
    }

    /** Bytes of the given content type. */
    public static Body bytes(byte[] bytes, String contentType) {
        return new Body(bytes, contentType);
    }
}
