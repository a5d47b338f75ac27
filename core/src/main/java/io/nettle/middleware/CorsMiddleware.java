package io.nettle.middleware;

import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.internal.RequestState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Cross-origin resource sharing (Starlette's {@code CORSMiddleware}): lets pages of other
 * origins call the app from a browser. It answers CORS preflights itself and adds the
 * {@code Access-Control-*} headers to the responses to cross-origin requests.
 * <pre>{@code
 * App.builder()
 *     .middleware(
 *         CorsMiddleware.builder()
 *             .allowOrigins("https://app.example")
 *             .allowMethods("GET", "POST")
 *             .allowHeaders("X-API-Key")
 *             .build(),
 *         new AuthenticationMiddleware(apiKeys))      // after CORS: preflights carry no credentials
 *     .route(...)
 * }</pre>
 *
 * <table>
 * <caption>Options</caption>
 * <tr><th>Option</th><th>Default</th></tr>
 * <tr><td>{@link Builder#allowOrigins allowOrigins}, {@link Builder#allowOriginPattern allowOriginPattern},
 *     {@link Builder#allowAnyOrigin allowAnyOrigin}</td><td>at least one of them is required</td></tr>
 * <tr><td>{@link Builder#allowMethods allowMethods}</td><td>{@code GET}</td></tr>
 * <tr><td>{@link Builder#allowHeaders allowHeaders}</td><td>none besides the CORS-safelisted
 *     {@code Accept}, {@code Accept-Language}, {@code Content-Language}, {@code Content-Type}</td></tr>
 * <tr><td>{@link Builder#exposeHeaders exposeHeaders}</td><td>none</td></tr>
 * <tr><td>{@link Builder#allowCredentials allowCredentials}</td><td>{@code false}</td></tr>
 * <tr><td>{@link Builder#maxAge maxAge}</td><td>600 seconds</td></tr>
 * </table>
 *
 * <p><b>Preflights</b> ({@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}) are answered here and go no further: no later
 * middleware, authentication or route sees them. When the origin, the requested method and
 * every requested header ({@code Access-Control-Request-Headers}) are allowed, the answer is
 * {@code 200} with {@code Access-Control-Allow-Origin}, {@code -Allow-Methods},
 * {@code -Allow-Headers}, {@code -Max-Age} and {@code -Allow-Credentials} when on; otherwise
 * it is {@code 400} with a {@code text/plain} body naming what is disallowed, one line each:
 * {@code Disallowed CORS origin}, {@code Disallowed CORS method}, {@code Disallowed CORS headers}.
 *
 * <p><b>Other requests with an {@code Origin}</b> go on; the response, whatever it is (an
 * endpoint's, a guard's 403, a 404, a 500 made for an exception), gets
 * {@code Access-Control-Allow-Origin} when the origin is allowed, with
 * {@code Access-Control-Allow-Credentials} and {@code Access-Control-Expose-Headers} when
 * configured. A request from an origin that is not allowed gets no {@code Access-Control-*}
 * header, so the browser keeps the response from the page. Requests without {@code Origin}
 * (same-origin pages, {@code curl}) are not touched.
 *
 * <p><b>{@code Access-Control-Allow-Origin}</b> is {@code *} for {@link Builder#allowAnyOrigin()}
 * and the request's own origin otherwise. Where the answer depends on the origin, the response
 * says so with {@code Vary: Origin} (added to an existing {@code Vary}), so that caches keep one
 * copy per origin. Origins compare without regard to case, as do header names and methods.
 *
 * <p><b>Placement.</b> Put it before {@code AuthenticationMiddleware} (outermost, ideally
 * first): browsers send preflights without credentials, so a guarded route would deny them, and
 * the errors of authentication need the CORS headers too. {@code build()} of the app refuses an
 * {@code AuthenticationMiddleware} before this one. Install it on the app rather than on a
 * {@code Mount}: a mount's middleware runs only for requests that match one of its routes and
 * methods, which a preflight ({@code OPTIONS}) usually does not. WebSocket handshakes are not
 * concerned (browsers do not apply CORS to them): a WebSocket route accepts its own origin only,
 * unless {@code WebSocketOptions.allowedOrigins} lists others.
 *
 * <p><b>Security.</b> CORS relaxes the browser's same-origin policy; it protects nothing on the
 * server (any client can send any {@code Origin}). With {@link Builder#allowCredentials
 * credentials}, every allowed origin can act as the signed-in user: allow only origins you
 * control, and write origin patterns that cannot match more (escape the dots, anchor nothing
 * beyond the host). Credentials with any origin are refused.
 */
public final class CorsMiddleware implements Middleware {
    /** How long browsers may cache a preflight's answer unless configured. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(600);
    /** The request headers always allowed: the CORS-safelisted ones. */
    public static final List<String> SAFELISTED_HEADERS = List.of("Accept", "Accept-Language", "Content-Language", "Content-Type");
    /** The methods that {@code allowMethods("*")} stands for, as in Starlette. */
    public static final List<String> ALL_METHODS = List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");

    private static final String ORIGIN = "Origin";
    private static final String REQUEST_METHOD = "Access-Control-Request-Method";
    private static final String REQUEST_HEADERS = "Access-Control-Request-Headers";
    private static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    private static final String ALLOW_METHODS = "Access-Control-Allow-Methods";
    private static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
    private static final String ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";
    private static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";
    private static final String MAX_AGE = "Access-Control-Max-Age";
    private static final String AUTHENTICATION_MIDDLEWARE = "io.nettle.auth.AuthenticationMiddleware";
    /** {@code scheme://host[:port]}: what an {@code Origin} header holds, without path or trailing slash. */
    private static final Pattern ORIGIN_SYNTAX = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#\\s]+");
    /** An HTTP token (RFC 9110), what method and header names are made of. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final boolean anyOrigin;
    private final Set<String> origins;
    private final Pattern originPattern;
    private final Set<String> methods;
    private final boolean anyHeader;
    private final Set<String> headers;
    private final boolean credentials;
    private final String exposeHeaders;
    /** The headers every preflight answer carries (all but the origin and, for {@code *}, the allowed headers). */
    private final Response preflightOk;
    private final Response preflightFailure;

    private CorsMiddleware(Builder b) {
        this.anyOrigin = b.anyOrigin;
        this.origins = Set.copyOf(b.origins);
        this.originPattern = b.originPattern;
        this.methods = new LinkedHashSet<>(b.methods);
        this.anyHeader = b.anyHeader;
        Set<String> allowed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        allowed.addAll(SAFELISTED_HEADERS);
        allowed.addAll(b.headers);
        this.headers = allowed.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.credentials = b.credentials;
        this.exposeHeaders = b.exposeHeaders.isEmpty() ? null : String.join(", ", b.exposeHeaders);

        Response common = Response.text("OK")
            .withHeader(ALLOW_METHODS, String.join(", ", methods))
            .withHeader(MAX_AGE, Long.toString(b.maxAge.getSeconds()));
        if (!anyHeader) {
            common = common.withHeader(ALLOW_HEADERS, String.join(", ", allowed));
        }
        if (credentials) {
            common = common.withHeader(ALLOW_CREDENTIALS, "true");
        }
        common = anyOrigin ? common.withHeader(ALLOW_ORIGIN, "*") : common.withHeader("Vary", ORIGIN);
        this.preflightOk = common;
        this.preflightFailure = common.withStatus(400);
    }

    /** A builder; one of the origin options is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<Response> handle(Request request, Next next) {
        Optional<String> origin = request.header(ORIGIN);
        if (origin.isEmpty()) {
            return next.handle(request);
        }
        if (request.method().equals("OPTIONS") && request.headers().contains(REQUEST_METHOD)) {
            return CompletableFuture.completedFuture(preflight(request, origin.get()));
        }
        String from = origin.get();
        // Also the response the app makes for an exception that leaves this middleware.
        RequestState.of(request).onFailureResponse(response -> simple(response, from));
        return next.handle(request).thenApply(response -> simple(response, from));
    }

    /** An {@code AuthenticationMiddleware} before this one would deny preflights: refused, naming the fix. */
    @Override
    public void checkPlacement(List<Middleware> outer) {
        for (Middleware middleware : outer) {
            if (middleware.getClass().getName().equals(AUTHENTICATION_MIDDLEWARE)) {
                throw new IllegalStateException("CorsMiddleware must come before AuthenticationMiddleware: browsers send "
                    + "CORS preflights without credentials, so CORS must answer them before authentication runs; "
                    + "give it first, e.g. App.builder().middleware(cors, authentication)");
            }
        }
    }

    /** Whether {@code origin} may read the responses. */
    public boolean isAllowedOrigin(String origin) {
        return anyOrigin || origins.contains(origin.toLowerCase(Locale.ROOT))
            || originPattern != null && originPattern.matcher(origin).matches();
    }

    private Response preflight(Request request, String origin) {
        List<String> failures = new ArrayList<>(3);
        boolean originAllowed = isAllowedOrigin(origin);
        if (!originAllowed) {
            failures.add("origin");
        }
        String method = request.header(REQUEST_METHOD).orElse("").trim().toUpperCase(Locale.ROOT);
        if (!methods.contains(method)) {
            failures.add("method");
        }
        List<String> requested = request.headers().getAll(REQUEST_HEADERS);
        String requestedHeaders = requested.isEmpty() ? null : String.join(", ", requested);
        if (requestedHeaders != null && !anyHeader) {
            for (String header : requestedHeaders.split(",")) {
                String name = header.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !headers.contains(name)) {
                    failures.add("headers");
                    break;
                }
            }
        }
        Response response;
        if (failures.isEmpty()) {
            response = preflightOk;
        } else {
            StringBuilder text = new StringBuilder();
            for (String failure : failures) {
                text.append(text.isEmpty() ? "" : "\n").append("Disallowed CORS ").append(failure);
            }
            response = preflightFailure.withBody(text.toString().getBytes(StandardCharsets.UTF_8),
                "text/plain; charset=utf-8");
        }
        if (anyHeader && requestedHeaders != null && !requestedHeaders.isBlank()) {
            response = response.withHeader(ALLOW_HEADERS, requestedHeaders);
        }
        if (!anyOrigin && originAllowed) {
            response = response.withHeader(ALLOW_ORIGIN, origin);
        }
        return response;
    }

    /** A response to a request from {@code origin} that is not a preflight. */
    private Response simple(Response response, String origin) {
        if (anyOrigin) {
            response = response.withHeader(ALLOW_ORIGIN, "*");
        } else if (isAllowedOrigin(origin)) {
            response = varyOrigin(response.withHeader(ALLOW_ORIGIN, origin));
        } else {
            // No CORS headers: the browser keeps the response from the page. But the answer
            // depended on the origin, which caches must know.
            return varyOrigin(response);
        }
        if (credentials) {
            response = response.withHeader(ALLOW_CREDENTIALS, "true");
        }
        if (exposeHeaders != null) {
            response = response.withHeader(EXPOSE_HEADERS, exposeHeaders);
        }
        return response;
    }

    /** {@code response} with {@code Origin} in its {@code Vary}, unless there already (or {@code *}). */
    private static Response varyOrigin(Response response) {
        List<String> vary = response.headers().getAll("Vary");
        for (String value : vary) {
            for (String name : value.split(",")) {
                String trimmed = name.trim();
                if (trimmed.equalsIgnoreCase(ORIGIN) || trimmed.equals("*")) {
                    return response;
                }
            }
        }
        List<String> values = new ArrayList<>();
        for (String value : vary) {
            if (!value.isBlank()) {
                values.add(value.trim());
            }
        }
        values.add(ORIGIN);
        return response.withHeader("Vary", String.join(", ", values));
    }

    /** Options of a {@link CorsMiddleware}, each checked when it is given. */
    public static final class Builder {
        private boolean anyOrigin;
        private final Set<String> origins = new LinkedHashSet<>();
        private Pattern originPattern;
        private final Set<String> methods = new LinkedHashSet<>(List.of("GET"));
        private boolean anyHeader;
        private final Set<String> headers = new LinkedHashSet<>();
        private final Set<String> exposeHeaders = new LinkedHashSet<>();
        private boolean credentials;
        private Duration maxAge = DEFAULT_MAX_AGE;

        private Builder() {
        }

        /**
         * Origins allowed, each {@code scheme://host[:port]} as browsers send it in {@code Origin}
         * (no path, no trailing slash): {@code "https://app.example"},
         * {@code "http://localhost:5173"}. {@code "*"} is {@link #allowAnyOrigin()}. May be given
         * several times; adds to the origins given before.
         *
         * @throws IllegalArgumentException for a value that is not an origin
         */
        public Builder allowOrigins(String... origins) {
            for (String origin : Objects.requireNonNull(origins, "origins")) {
                Objects.requireNonNull(origin, "origin");
                if (origin.equals("*")) {
                    anyOrigin = true;
                } else if (ORIGIN_SYNTAX.matcher(origin).matches()) {
                    this.origins.add(origin.toLowerCase(Locale.ROOT));
                } else {
                    throw new IllegalArgumentException("an origin is scheme://host[:port], without a path or a trailing slash "
                        + "(as browsers send it in the Origin header), was '" + origin + "'");
                }
            }
            return this;
        }

        /**
         * Origins allowed besides those of {@link #allowOrigins}: the ones {@code regex} matches as a
         * whole (Starlette's {@code allow_origin_regex}), e.g.
         * {@code "https://[a-z0-9-]+\\.app\\.example"}. Escape the dots: an unescaped one matches any
         * character. Given once; join alternatives with {@code |}.
         *
         * @throws java.util.regex.PatternSyntaxException for a malformed expression
         * @throws IllegalStateException when a pattern was already given
         */
        public Builder allowOriginPattern(String regex) {
            Objects.requireNonNull(regex, "regex");
            if (originPattern != null) {
                throw new IllegalStateException("allowOriginPattern is already set to '" + originPattern.pattern()
                    + "'; join alternatives with '|'");
            }
            this.originPattern = Pattern.compile(regex);
            return this;
        }

        /**
         * Any origin: {@code Access-Control-Allow-Origin: *}. For public data only; refused with
         * {@link #allowCredentials(boolean) credentials}.
         */
        public Builder allowAnyOrigin() {
            this.anyOrigin = true;
            return this;
        }

        /**
         * The methods cross-origin requests may use (replacing the default {@code GET});
         * {@code "*"} stands for {@link #ALL_METHODS}. Only preflighted requests are checked;
         * browsers send {@code GET}, {@code HEAD} and {@code POST} of simple forms without asking.
         *
         * @throws IllegalArgumentException for a value that is not a method name
         */
        public Builder allowMethods(String... methods) {
            Objects.requireNonNull(methods, "methods");
            Set<String> given = new LinkedHashSet<>();
            for (String method : methods) {
                Objects.requireNonNull(method, "method");
                if (method.equals("*")) {
                    given.addAll(ALL_METHODS);
                } else {
                    given.add(token(method, "method").toUpperCase(Locale.ROOT));
                }
            }
            this.methods.clear();
            this.methods.addAll(given);
            return this;
        }

        /**
         * The request headers cross-origin requests may send, besides the always allowed
         * {@link #SAFELISTED_HEADERS}; {@code "*"} allows any (the preflight's answer then repeats
         * the requested ones). Adds to the headers given before.
         *
         * @throws IllegalArgumentException for a value that is not a header name
         */
        public Builder allowHeaders(String... headers) {
            for (String header : Objects.requireNonNull(headers, "headers")) {
                Objects.requireNonNull(header, "header");
                if (header.equals("*")) {
                    anyHeader = true;
                } else {
                    this.headers.add(token(header, "header name"));
                }
            }
            return this;
        }

        /**
         * Response headers the page's script may read besides the CORS-safelisted ones
         * ({@code Access-Control-Expose-Headers}), e.g. {@code "X-Total-Count"}. Adds to the
         * headers given before.
         *
         * @throws IllegalArgumentException for a value that is not a header name
         */
        public Builder exposeHeaders(String... headers) {
            for (String header : Objects.requireNonNull(headers, "headers")) {
                this.exposeHeaders.add(token(Objects.requireNonNull(header, "header"), "header name"));
            }
            return this;
        }

        /**
         * Whether cross-origin requests may carry credentials (cookies, {@code Authorization},
         * client certificates) and read the answers: {@code Access-Control-Allow-Credentials: true}.
         * Default: {@code false}. Not with any origin (refused by {@link #build()}).
         */
        public Builder allowCredentials(boolean allow) {
            this.credentials = allow;
            return this;
        }

        /** How long browsers may cache a preflight's answer ({@code Access-Control-Max-Age}, whole seconds). Default: 600 s. */
        public Builder maxAge(Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("maxAge must not be negative, was " + maxAge);
            }
            this.maxAge = maxAge;
            return this;
        }

        /**
         * The middleware.
         *
         * @throws IllegalArgumentException for credentials with any origin
         * @throws IllegalStateException when no origin option was given
         */
        public CorsMiddleware build() {
            if (credentials && anyOrigin) {
                throw new IllegalArgumentException("allowCredentials(true) cannot go with any origin (allowAnyOrigin() or \"*\"): "
                    + "every site could then act as the signed-in user, and browsers refuse credentials with "
                    + "Access-Control-Allow-Origin: *; list the allowed origins (allowOrigins) instead");
            }
            if (!anyOrigin && origins.isEmpty() && originPattern == null) {
                throw new IllegalStateException("CorsMiddleware allows no origin: give allowOrigins(...), "
                    + "allowOriginPattern(...) or allowAnyOrigin()");
            }
            return new CorsMiddleware(this);
        }

        private static String token(String value, String what) {
            String trimmed = value.trim();
            if (!TOKEN.matcher(trimmed).matches()) {
                throw new IllegalArgumentException("not a " + what + ": '" + value + "'");
            }
            return trimmed;
        }
    }
}
