package io.nettle.http;

import io.nettle.internal.codec.PercentCodec;
import java.util.Optional;

/**
 * The URL of a request as the client addressed it: scheme, host and port (from the
 * {@code Host} header, else the server's address; from a trusted proxy, as it forwarded them),
 * the path as sent (still percent-encoded) and the raw query string.
 *
 * @param scheme  {@code http}, {@code https}, {@code ws} or {@code wss}
 * @param host    the host name or address, without port
 * @param port    the port, explicit or the scheme's default
 * @param rawPath the path as sent, percent-encoding kept
 * @param rawQuery the query string without {@code ?}, empty when there is none
 */
public record Url(String scheme, String host, int port, String rawPath, String rawQuery) {

    /** The query string, if the URL has a non-empty one. */
    public Optional<String> query() {
        return rawQuery.isEmpty() ? Optional.empty() : Optional.of(rawQuery);
    }

    /** Scheme, host and port: {@code http://example.com:8080}, the port left out when it is the default. */
    public String origin() {
        boolean defaultPort = (port == 80 && (scheme.equals("http") || scheme.equals("ws")))
            || (port == 443 && (scheme.equals("https") || scheme.equals("wss")));
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return scheme + "://" + h + (defaultPort ? "" : ":" + port);
    }

    /** The path with the query: {@code /search?q=x}. */
    public String pathAndQuery() {
        return rawQuery.isEmpty() ? rawPath : rawPath + "?" + rawQuery;
    }

    /** The whole URL. */
    @Override
    public String toString() {
        return origin() + pathAndQuery();
    }

    /**
     * {@code value} encoded for a query string, as an HTML form does
     * ({@code application/x-www-form-urlencoded}): letters, digits and {@code -._~} stay, a space
     * becomes {@code +}, everything else the {@code %XX} of its UTF-8 bytes. For building links
     * such as {@code "/login?next=" + Url.encodeQueryValue(request.url().toString())}.
     */
    public static String encodeQueryValue(String value) {
        return PercentCodec.encodeFormComponent(value);
    }
}
