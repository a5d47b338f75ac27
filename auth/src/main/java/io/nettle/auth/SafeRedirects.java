package io.nettle.auth;

import io.nettle.http.Connection;
import io.nettle.http.Url;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Follows a login's {@code next} parameter without opening a redirect to another site.
 * <pre>{@code
 * String target = SafeRedirects.next(request, "/");   // from ?next=...
 * return Response.redirect(target, 303);
 * }</pre>
 * Accepted: a same-origin relative path ({@code /account?tab=2}) and an absolute URL whose
 * scheme, host and port equal the request's (what {@link Guard#redirect} produces); both are
 * reduced to path and query. Refused (the fallback is used): other origins, protocol-relative
 * {@code //host}, backslash tricks such as {@code /\host}, schemes other than http and https,
 * and anything with control characters or whitespace.
 */
public final class SafeRedirects {
    private SafeRedirects() {
    }

    /** The safe target of the {@code next} query parameter, else {@code fallback}. */
    public static String next(Connection connection, String fallback) {
        return connection.queryParam("next").flatMap(next -> safeTarget(connection, next)).orElse(fallback);
    }

    /** {@code target} reduced to path and query when it stays on {@code connection}'s origin. */
    public static Optional<String> safeTarget(Connection connection, String target) {
        if (target == null || target.isEmpty() || target.length() > 2048) {
            return Optional.empty();
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '\\' || c > 0x7e) {
                return Optional.empty();
            }
        }
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getRawPath() == null || !uri.getRawPath().startsWith("/") || uri.getRawPath().startsWith("//")) {
            return Optional.empty();
        }
        if (uri.getScheme() != null || uri.getRawAuthority() != null) {
            Url own = connection.url();
            boolean sameScheme = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            int port = uri.getPort() != -1 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
            String ownScheme = own.scheme().replace("ws", "http");
            if (!sameScheme || !uri.getScheme().equals(ownScheme) || uri.getRawUserInfo() != null
                || !own.host().equalsIgnoreCase(uri.getHost()) || own.port() != port) {
                return Optional.empty();
            }
        }
        return Optional.of(uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery());
    }
}
