package io.nettle.middleware;

import io.nettle.http.AttributeKey;
import io.nettle.http.Cookie;
import io.nettle.http.HttpException;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.security.CookieSigner;
import io.nettle.security.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Cross-site request forgery protection for apps whose users are known by a cookie (a session):
 * an unsafe request ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) must come from the
 * app's own origin and carry the CSRF token, else it is answered {@code 403} before anything
 * else runs. Login forms are covered too: the token does not need a session.
 * <pre>{@code
 * App.builder()
 *     .middleware(CsrfMiddleware.builder().secretKey(key).build(), sessions, authentication)
 *     .route(Route.get("/login", Endpoint.sync(request -> Response.html(
 *         "<form method=post>" + CsrfMiddleware.formField(request) + "...</form>"))))
 * }</pre>
 *
 * <ul>
 * <li><b>Origin</b>: an {@code Origin} other than the request's own (as the trusted-proxy
 *     settings see it) or a {@link Builder#trustedOrigins trusted} one, {@code Origin: null}, or
 *     without {@code Origin} a {@code Sec-Fetch-Site: cross-site}, is refused.</li>
 * <li><b>Token</b> (a signed double-submit cookie): the middleware sets the cookie
 *     {@value #COOKIE_NAME} (signed, {@code SameSite=Lax}, readable by the page's scripts) the first
 *     time a page asks for {@link #token(Request)}; an unsafe request must send the same value in
 *     the form field {@value #FORM_FIELD} ({@code application/x-www-form-urlencoded}) or the header
 *     {@value #HEADER} (any request: {@code fetch}, multipart uploads). The value is signed with
 *     the app's key, so a cookie planted by a sibling subdomain is refused.</li>
 * <li><b>Exempt</b>: requests authenticated by a header a browser never adds by itself — a
 *     {@code Bearer} token or an {@code X-API-Key} — unless {@link Builder#exempt} says otherwise;
 *     HTTP Basic is not exempt (browsers resend it by themselves).</li>
 * </ul>
 * For {@code fetch}: read the {@value #COOKIE_NAME} cookie (or render {@link #token(Request)} into
 * the page) and send it as {@value #HEADER}.
 */
public final class CsrfMiddleware implements Middleware {
    /** The cookie holding the token. */
    public static final String COOKIE_NAME = "csrftoken";
    /** The form field an unsafe form submission carries the token in. */
    public static final String FORM_FIELD = "csrf_token";
    /** The header an unsafe request may carry the token in instead. */
    public static final String HEADER = "X-CSRF-Token";
    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final AttributeKey<Token> TOKEN = AttributeKey.of("nettle.csrf", Token.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The request's token: the valid one its cookie held, or one minted for it that the response sets. */
    private static final class Token {
        private final CsrfMiddleware owner;
        private String value;
        private boolean minted;

        Token(CsrfMiddleware owner, String value) {
            this.owner = owner;
            this.value = value;
        }

        String value() {
            if (value == null) {
                byte[] random = new byte[32];
                RANDOM.nextBytes(random);
                value = owner.signer.sign(COOKIE_NAME, random);
                minted = true;
            }
            return value;
        }
    }

    private final CookieSigner signer;
    private final List<String> trustedOrigins;
    private final Predicate<Request> exempt;
    private final boolean httpsOnly;

    private CsrfMiddleware(Builder b) {
        this.signer = new CookieSigner(List.of(b.key));
        this.trustedOrigins = List.copyOf(b.trustedOrigins);
        this.exempt = b.exempt;
        this.httpsOnly = b.httpsOnly;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The CSRF token of {@code request}, to put in a form or a page for {@code fetch}; the
     * response sets its cookie when it is new.
     *
     * @throws IllegalStateException when no {@code CsrfMiddleware} runs for this request
     */
    public static String token(Request request) {
        return request.attribute(TOKEN).orElseThrow(() -> new IllegalStateException(
            "no CsrfMiddleware ran for this request: add CsrfMiddleware.builder()...build() to the app's middleware")).value();
    }

    /** A hidden form field holding the token: {@code <input type="hidden" name="csrf_token" value="...">}. */
    public static String formField(Request request) {
        // The token is base64url and a dot: nothing in it needs escaping in an attribute.
        return "<input type=\"hidden\" name=\"" + FORM_FIELD + "\" value=\"" + token(request) + "\">";
    }

    @Override
    public CompletionStage<Response> handle(Request request, Next next) {
        String sent = request.cookie(COOKIE_NAME).filter(value -> signer.verify(COOKIE_NAME, value).isPresent()).orElse(null);
        Token token = new Token(this, sent);
        request.setAttribute(TOKEN, token);
        CompletionStage<Void> checked = UNSAFE.contains(request.method()) && !exempt.test(request)
            ? check(request, sent) : CompletableFuture.completedFuture(null);
        return checked.thenCompose(ok -> next.handle(request)).thenApply(response -> token.minted
            ? response.addHeader("Set-Cookie", Cookie.of(COOKIE_NAME, token.value).path("/").secure(httpsOnly)
                .sameSite(Cookie.SameSite.LAX).toSetCookieHeader())
            : response);
    }

    /** The origin check, then the token from the header or the form: a refusal is a 403 saying why. */
    private CompletionStage<Void> check(Request request, String cookieToken) {
        String refusal = originProblem(request);
        if (refusal != null) {
            return CompletableFuture.failedFuture(new HttpException(403, refusal));
        }
        if (cookieToken == null) {
            return CompletableFuture.failedFuture(new HttpException(403, "CSRF token missing: load the form again"));
        }
        Optional<String> header = request.header(HEADER);
        if (header.isPresent()) {
            return verdict(header.get(), cookieToken);
        }
        String type = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            return CompletableFuture.failedFuture(new HttpException(403, "CSRF token missing: send it in the " + HEADER + " header"));
        }
        return request.form().thenCompose(form -> verdict(form.get(FORM_FIELD).orElse(""), cookieToken));
    }

    private static CompletionStage<Void> verdict(String presented, String cookieToken) {
        return Secrets.constantTimeEquals(presented, cookieToken) ? CompletableFuture.completedFuture(null)
            : CompletableFuture.failedFuture(new HttpException(403, "CSRF token missing or invalid: load the form again"));
    }

    /** Why the request's origin is refused, or {@code null} when it is the app's own (or trusted). */
    private String originProblem(Request request) {
        Optional<String> origin = request.header("Origin");
        if (origin.isPresent()) {
            String value = origin.get().trim();
            if (value.equals("null")) {
                return "Cross-site request refused (Origin: null)";
            }
            return value.equalsIgnoreCase(request.url().origin()) || trustedOrigins.stream().anyMatch(value::equalsIgnoreCase)
                ? null : "Cross-site request refused (Origin " + value + ")";
        }
        return request.header("Sec-Fetch-Site").filter(site -> site.trim().equalsIgnoreCase("cross-site")).isPresent()
            ? "Cross-site request refused (Sec-Fetch-Site: cross-site)" : null;
    }

    /** Options of a {@link CsrfMiddleware}. */
    public static final class Builder {
        private byte[] key;
        private final List<String> trustedOrigins = new ArrayList<>();
        private Predicate<Request> exempt = Builder::authenticatedByHeader;
        private boolean httpsOnly;

        private Builder() {
        }

        /** The key that signs tokens: at least 32 bytes, the app's secret (the session key may serve). */
        public Builder secretKey(String key) {
            return secretKey(Objects.requireNonNull(key, "key").getBytes(StandardCharsets.UTF_8));
        }

        /** {@link #secretKey(String)} as bytes (copied). */
        public Builder secretKey(byte[] key) {
            Objects.requireNonNull(key, "key");
            if (key.length < SessionMiddleware.MIN_KEY_BYTES) {
                throw new IllegalArgumentException("the CSRF key must be at least " + SessionMiddleware.MIN_KEY_BYTES + " bytes, was " + key.length);
            }
            this.key = key.clone();
            return this;
        }

        /** Other origins whose pages may send unsafe requests ({@code https://app.example}). */
        public Builder trustedOrigins(String... origins) {
            for (String origin : origins) {
                trustedOrigins.add(Objects.requireNonNull(origin, "origin"));
            }
            return this;
        }

        /**
         * Which requests need no token (their credentials cannot ride along from another site).
         * Default: those with {@code Authorization: Bearer ...} or {@code X-API-Key}.
         */
        public Builder exempt(Predicate<Request> exempt) {
            this.exempt = Objects.requireNonNull(exempt, "exempt");
            return this;
        }

        /** Whether the token cookie is {@code Secure}. Default: {@code false}; turn it on behind HTTPS. */
        public Builder httpsOnly(boolean httpsOnly) {
            this.httpsOnly = httpsOnly;
            return this;
        }

        public CsrfMiddleware build() {
            if (key == null) {
                throw new IllegalStateException("CsrfMiddleware needs a secretKey (at least " + SessionMiddleware.MIN_KEY_BYTES + " bytes)");
            }
            return new CsrfMiddleware(this);
        }

        private static boolean authenticatedByHeader(Request request) {
            return request.header("X-API-Key").isPresent()
                || request.header("Authorization").filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7)).isPresent();
        }
    }
}
