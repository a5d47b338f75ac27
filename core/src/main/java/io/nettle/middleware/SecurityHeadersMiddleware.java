package io.nettle.middleware;

import io.nettle.Tls;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.internal.RequestState;
import io.nettle.security.BaseUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * Adds the security headers browsers act on to every response, errors included, with safe
 * defaults, each changeable or removable through the {@link #builder() builder}:
 * <table>
 * <caption>Headers and defaults</caption>
 * <tr><th>header</th><th>default</th><th>sent</th><th>builder</th></tr>
 * <tr><td>{@code X-Content-Type-Options}</td><td>{@code nosniff}</td><td>always</td><td>{@link Builder#contentTypeOptions}</td></tr>
 * <tr><td>{@code Content-Security-Policy}</td><td>{@code frame-ancestors 'none'}</td><td>always</td><td>{@link Builder#contentSecurityPolicy}</td></tr>
 * <tr><td>{@code X-Frame-Options}</td><td>{@code DENY}</td><td>always</td><td>{@link Builder#frameOptions}</td></tr>
 * <tr><td>{@code Referrer-Policy}</td><td>{@code strict-origin-when-cross-origin}</td><td>always</td><td>{@link Builder#referrerPolicy}</td></tr>
 * <tr><td>{@code Strict-Transport-Security}</td><td>{@code max-age=31536000} (a year)</td><td>when the request's URL is
 *     {@code https} (over TLS, or from a trusted proxy that says so)</td><td>{@link Builder#hsts}</td></tr>
 * <tr><td>{@code Cache-Control}</td><td>{@code no-store}</td><td>on responses to authenticated requests
 *     ({@code request.user().isAuthenticated()})</td><td>{@link Builder#cacheControlWhenAuthenticated}</td></tr>
 * </table>
 * <pre>{@code
 * App.builder().middleware(SecurityHeadersMiddleware.defaults(), new AuthenticationMiddleware(backend))
 * App.builder().middleware(SecurityHeadersMiddleware.builder()
 *     .frameOptions("SAMEORIGIN").contentSecurityPolicy("frame-ancestors 'self'")   // framed by its own pages
 *     .hsts(null)                                                                 // no HSTS
 *     .build())
 * }</pre>
 * A header the application already set on the response is never overwritten (a page with its
 * own {@code Content-Security-Policy} keeps it, frame-ancestors and all, and a response with its
 * own {@code Cache-Control} keeps that). When the server's own {@link Tls#hsts(Duration)} is set,
 * the server sends that {@code Strict-Transport-Security} and this middleware adds none, so a
 * response never carries two.
 *
 * <p>Place it first, before the {@code AuthenticationMiddleware}: it looks at the user once the
 * response comes back, so authentication inside it has run. The {@code Referrer-Policy} default
 * is not {@code no-referrer} because browsers then send {@code Origin: null} with form posts,
 * which same-origin checks (CSRF, WebSocket origins) refuse.
 */
public final class SecurityHeadersMiddleware implements Middleware {
    private final List<String[]> always;
    private final String hsts;
    private final String cacheControl;

    private SecurityHeadersMiddleware(Builder b) {
        List<String[]> headers = new ArrayList<>(4);
        add(headers, "X-Content-Type-Options", b.contentTypeOptions);
        add(headers, "Content-Security-Policy", b.contentSecurityPolicy);
        add(headers, "X-Frame-Options", b.frameOptions);
        add(headers, "Referrer-Policy", b.referrerPolicy);
        this.always = List.copyOf(headers);
        this.hsts = b.hsts;
        this.cacheControl = b.cacheControl;
    }

    private static void add(List<String[]> headers, String name, String value) {
        if (value != null) {
            headers.add(new String[] {name, value});
        }
    }

    /** The middleware with every default. */
    public static SecurityHeadersMiddleware defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<Response> handle(Request request, Next next) {
        // Also the response the app makes for an exception that leaves this middleware.
        RequestState.of(request).onFailureResponse(response -> apply(request, response));
        return next.handle(request).thenApply(response -> apply(request, response));
    }

    /** {@code response} with the headers it lacks, for {@code request}. */
    private Response apply(Request request, Response response) {
        Response result = response;
        for (String[] header : always) {
            result = absent(result, header[0]) ? result.withHeader(header[0], header[1]) : result;
        }
        if (hsts != null && absent(result, "Strict-Transport-Security") && secure(request) && !serverSendsHsts(request)) {
            result = result.withHeader("Strict-Transport-Security", hsts);
        }
        if (cacheControl != null && absent(result, "Cache-Control") && authenticated(request)) {
            result = result.withHeader("Cache-Control", cacheControl);
        }
        return result;
    }

    private static boolean absent(Response response, String name) {
        return !response.headers().contains(name);
    }

    private static boolean secure(Request request) {
        String scheme = request.url().scheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("wss");
    }

    private static boolean serverSendsHsts(Request request) {
        return RequestState.of(request).app().settings().tls().flatMap(Tls::hsts).isPresent();
    }

    /** Whether authentication ran and found a user; without an authentication middleware, never. */
    private static boolean authenticated(Request request) {
        BaseUser user = RequestState.of(request).user();
        return user != null && user.isAuthenticated();
    }

    /**
     * Builds a {@link SecurityHeadersMiddleware}, starting from the defaults; each setter takes
     * the header's whole value, or {@code null} to leave the header out.
     */
    public static final class Builder {
        private String contentTypeOptions = "nosniff";
        private String contentSecurityPolicy = "frame-ancestors 'none'";
        private String frameOptions = "DENY";
        private String referrerPolicy = "strict-origin-when-cross-origin";
        private String hsts = "max-age=31536000";
        private String cacheControl = "no-store";

        private Builder() {
        }

        /** {@code X-Content-Type-Options}; default {@code nosniff}. */
        public Builder contentTypeOptions(String value) {
            this.contentTypeOptions = checked("X-Content-Type-Options", value);
            return this;
        }

        /**
         * {@code Content-Security-Policy} for responses that have none; default
         * {@code frame-ancestors 'none'} (no page may frame this one). A policy of your own
         * should keep a {@code frame-ancestors} directive.
         */
        public Builder contentSecurityPolicy(String value) {
            this.contentSecurityPolicy = checked("Content-Security-Policy", value);
            return this;
        }

        /** {@code X-Frame-Options} (for browsers without {@code frame-ancestors}); default {@code DENY}. */
        public Builder frameOptions(String value) {
            this.frameOptions = checked("X-Frame-Options", value);
            return this;
        }

        /** {@code Referrer-Policy}; default {@code strict-origin-when-cross-origin}. */
        public Builder referrerPolicy(String value) {
            this.referrerPolicy = checked("Referrer-Policy", value);
            return this;
        }

        /**
         * {@code Strict-Transport-Security}, sent on responses to {@code https} requests; default
         * {@code max-age=31536000}. Browsers remember it: send it once HTTPS works for the whole
         * host.
         */
        public Builder hsts(String value) {
            this.hsts = checked("Strict-Transport-Security", value);
            return this;
        }

        /** {@code Strict-Transport-Security: max-age=<maxAge in seconds>}. */
        public Builder hsts(Duration maxAge) {
            if (maxAge == null || maxAge.isNegative()) {
                throw new IllegalArgumentException("the HSTS max-age must not be negative");
            }
            this.hsts = "max-age=" + maxAge.toSeconds();
            return this;
        }

        /**
         * {@code Cache-Control} for responses to authenticated requests that set none; default
         * {@code no-store}, so that a shared computer's back button or a cache does not show
         * one user's pages to the next.
         */
        public Builder cacheControlWhenAuthenticated(String value) {
            this.cacheControl = checked("Cache-Control", value);
            return this;
        }

        public SecurityHeadersMiddleware build() {
            return new SecurityHeadersMiddleware(this);
        }

        private static String checked(String name, String value) {
            if (value == null) {
                return null;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    throw new IllegalArgumentException(name + " must not hold control characters");
                }
            }
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank; null leaves the header out");
            }
            return value;
        }
    }
}
