package io.nettle;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Response compression, negotiated by the client's {@code Accept-Encoding} (RFC 9110: q-values,
 * {@code *}, {@code q=0} for "not acceptable", {@code identity}), on HTTP/1.1 and HTTP/2. Given
 * to {@link ServerSettings.Builder#compression(Compression)}; off by default. A response is
 * compressed when the client accepts an encoding, its body is at least {@link #minSize()} bytes,
 * its {@code Content-Type} is one of {@link #types()}, and it has no {@code Content-Encoding} of
 * its own; responses of a compressible type always say {@code Vary: Accept-Encoding}.
 *
 * <p><b>Codings.</b> {@code gzip} and {@code deflate} always (the JDK's zlib). {@code br}
 * (brotli, quality 4) when {@code com.aayushatharva.brotli4j:brotli4j} and its native library
 * for the platform ({@code native-linux-x86_64} and the like) are on the class path and load;
 * {@code zstd} (level 3) when {@code com.github.luben:zstd-jni} is and loads. Both are optional
 * dependencies of Nettle, looked for once when the app is built: a missing or unloadable one is
 * simply not offered. On the module path, add them with {@code --add-modules
 * com.aayushatharva.brotli4j,com.github.luben.zstd_jni} (Nettle requires them {@code static}).
 * The coding the client gives the highest q-value is used; among equals the server prefers
 * {@code br}, then {@code zstd}, {@code gzip}, {@code deflate}.
 *
 * <p><b>BREACH.</b> A response that reflects user input next to a secret (a CSRF token, say)
 * must not be compressed over TLS: an attacker who can make a victim's browser send requests
 * can guess the secret from the compressed sizes. Turn compression off for such a response
 * with {@code response.withoutCompression()}, or for a route's endpoint with
 * {@link #off(io.nettle.routing.Endpoint)}.
 */
public final class Compression {
    private static final List<String> DEFAULT_TYPES = List.of("text/", "application/json", "application/javascript",
        "application/xml", "application/xhtml+xml", "application/problem+json", "image/svg+xml");

    private final int minSize;
    private final List<String> types;

    private Compression(int minSize, List<String> types) {
        this.minSize = minSize;
        this.types = types;
    }

    /** Every available coding (see above) for text, JSON, JavaScript, XML and SVG bodies of 1 KiB or more. */
    public static Compression defaults() {
        return new Compression(1024, DEFAULT_TYPES);
    }

    /** This compression for bodies of at least {@code bytes}. Default: 1024. */
    public Compression minSize(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("minSize must not be negative, was " + bytes);
        }
        return new Compression(bytes, types);
    }

    /**
     * This compression for these content types only: an entry ending in {@code /} is a whole
     * family ({@code text/}), any other a type ({@code application/json}), parameters ignored.
     */
    public Compression types(String... contentTypes) {
        List<String> list = List.of(contentTypes).stream().map(t -> t.toLowerCase(Locale.ROOT).trim()).toList();
        if (list.isEmpty() || list.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("give at least one content type");
        }
        return new Compression(minSize, list);
    }

    /** The smallest body compressed, in bytes. */
    public int minSize() {
        return minSize;
    }

    /** The content types (or families, ending in {@code /}) compressed. */
    public List<String> types() {
        return types;
    }

    /** Whether a body of {@code contentType} may be compressed. */
    public boolean compresses(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        String bare = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        for (String wanted : types) {
            if (wanted.endsWith("/") ? bare.startsWith(wanted) : bare.equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** {@code endpoint}, whose responses are never compressed (see BREACH above). */
    public static io.nettle.routing.Endpoint off(io.nettle.routing.Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return request -> endpoint.handle(request).thenApply(response -> response.withoutCompression());
    }
}
