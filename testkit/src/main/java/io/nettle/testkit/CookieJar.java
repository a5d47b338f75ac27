package io.nettle.testkit;

import io.netty.handler.codec.http.cookie.ClientCookieDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The cookies a {@link TestClient} keeps across requests, by name (path and domain are not distinguished). */
final class CookieJar {
    private final Map<String, String> cookies = new LinkedHashMap<>();

    void store(List<String> setCookieHeaders) {
        for (String header : setCookieHeaders) {
            Cookie cookie = ClientCookieDecoder.LAX.decode(header);
            if (cookie == null) {
                continue;
            }
            if (cookie.maxAge() == 0 || (cookie.maxAge() < 0 && cookie.maxAge() != Cookie.UNDEFINED_MAX_AGE)) {
                cookies.remove(cookie.name());
            } else {
                cookies.put(cookie.name(), cookie.value());
            }
        }
    }

    void set(String name, String value) {
        cookies.put(name, value);
    }

    Map<String, String> asMap() {
        return Map.copyOf(cookies);
    }

    void clear() {
        cookies.clear();
    }

    /** The {@code Cookie} header value, or {@code null} when the jar is empty. */
    String header() {
        if (cookies.isEmpty()) {
            return null;
        }
        StringJoiner joiner = new StringJoiner("; ");
        cookies.forEach((name, value) -> joiner.add(name + "=" + value));
        return joiner.toString();
    }
}
