package io.nettle.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.nettle.http.Headers;
import io.nettle.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A response received by the {@link TestClient}: status, headers and body, copied out of the
 * connection (nothing to release). Check it with {@link NettleAssertions#assertThat(TestResponse)}.
 */
public final class TestResponse {
    private final int status;
    private final Headers headers;
    private final byte[] body;

    TestResponse(int status, Headers headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The headers. */
    public Headers headers() {
        return headers;
    }

    /** The first value of header {@code name}, if present. */
    public Optional<String> header(String name) {
        return headers.get(name);
    }

    /** The body. */
    public byte[] bytes() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as a JSON tree. */
    public JsonNode json() {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the body is not JSON: " + text(), e);
        }
    }

    /** The body bound to {@code type}. */
    public <T> T json(Class<T> type) {
        try {
            return Json.mapper().readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException("the body is not JSON for " + type.getSimpleName() + ": " + text(), e);
        }
    }

    /** The cookies this response sets, by name ({@code Set-Cookie} values without attributes). */
    public Map<String, String> cookies() {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String line : headers.getAll("Set-Cookie")) {
            var cookie = io.netty.handler.codec.http.cookie.ClientCookieDecoder.LAX.decode(line);
            if (cookie != null) {
                cookies.put(cookie.name(), cookie.value());
            }
        }
        return cookies;
    }

    @Override
    public String toString() {
        String text = text();
        return status + " " + headers + " " + (text.length() > 500 ? text.substring(0, 500) + "..." : text);
    }
}
