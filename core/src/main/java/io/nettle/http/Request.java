package io.nettle.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.nettle.internal.RequestState;
import io.nettle.internal.codec.JsonBodies;
import io.nettle.internal.codec.ParamsParser;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

/**
 * An HTTP request. The head (method, URL, headers) is here at once; the body is read from the
 * connection when asked for (at most a few KiB of it before), through the asynchronous
 * {@link #body()}, {@link #text()}, {@link #json()} and {@link #form()}. A body larger than the
 * server's limit fails with a 413, malformed JSON or form data with a 400: let those stages fail
 * and the client gets that status.
 */
public final class Request extends Connection {

    /** For Nettle's server and test client. */
    public Request(RequestState state) {
        super(state);
    }

    /** The method, upper case: {@code GET}, {@code POST}... */
    public String method() {
        return connectionState().head().method().name();
    }

    /** The body's bytes. */
    public CompletionStage<byte[]> body() {
        return connectionState().body().read();
    }

    /** The body as text, in the charset of {@code Content-Type} (UTF-8 when none is given). */
    public CompletionStage<String> text() {
        return body().thenApply(bytes -> new String(bytes, charset()));
    }

    /**
     * The body parsed as a JSON tree. A body that is not well-formed UTF-8, not JSON, or nested
     * too deeply is a 400 saying what is wrong and where (line and column).
     */
    public CompletionStage<JsonNode> json() {
        return body().thenApply(JsonBodies::tree);
    }

    /**
     * The body bound to {@code type} by Jackson. A body that is not well-formed UTF-8, not JSON,
     * of the wrong shape for {@code type}, or {@code null} is a 400 saying what is wrong and where
     * (the field, the line and column).
     */
    public <T> CompletionStage<T> json(Class<T> type) {
        return body().thenApply(bytes -> JsonBodies.bind(bytes, type));
    }

    /** The body parsed as {@code application/x-www-form-urlencoded}; malformed escapes are a 400. */
    public CompletionStage<Params> form() {
        return body().thenApply(bytes -> ParamsParser.parse(new String(bytes, StandardCharsets.UTF_8), "form body"));
    }

    private Charset charset() {
        String type = header("Content-Type").orElse("");
        int at = type.toLowerCase(java.util.Locale.ROOT).indexOf("charset=");
        if (at >= 0) {
            String name = type.substring(at + 8).split(";", 2)[0].trim().replace("\"", "");
            try {
                return Charset.forName(name);
            } catch (RuntimeException unknown) {
                throw new HttpException(400, "Unsupported charset in Content-Type");
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public String toString() {
        return method() + " " + url().pathAndQuery();
    }
}
