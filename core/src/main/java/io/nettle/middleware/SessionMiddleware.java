package io.nettle.middleware;

import io.nettle.http.Cookie;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.http.Session;
import io.nettle.security.CookieSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Keeps {@link io.nettle.http.Connection#session()} in a signed, expiring cookie (Starlette's
 * {@code SessionMiddleware}).
 * <pre>{@code
 * App.builder()
 *     .middleware(SessionMiddleware.builder().secretKey(System.getenv("SESSION_KEY")).httpsOnly(true).build())
 *     .route(Route.post("/theme", Endpoint.sync(request -> {
 *         request.session().put("theme", "dark");
 *         return Response.text("ok");
 *     })))
 * }</pre>
 *
 * <table>
 * <caption>Options</caption>
 * <tr><th>Option</th><th>Default</th></tr>
 * <tr><td>{@link Builder#secretKey(byte[]) secretKey}</td><td>required, at least {@value #MIN_KEY_BYTES} bytes</td></tr>
 * <tr><td>{@link Builder#previousSecretKey(byte[]) previousSecretKey}</td><td>none</td></tr>
 * <tr><td>{@link Builder#cookieName cookieName}</td><td>{@value #DEFAULT_COOKIE_NAME}</td></tr>
 * <tr><td>{@link Builder#maxAge maxAge}</td><td>14 days</td></tr>
 * <tr><td>{@link Builder#path path}</td><td>{@code /}</td></tr>
 * <tr><td>{@link Builder#domain domain}</td><td>none (the host that set it)</td></tr>
 * <tr><td>{@link Builder#sameSite sameSite}</td><td>{@code Lax}</td></tr>
 * <tr><td>{@link Builder#httpsOnly httpsOnly}</td><td>{@code false} (no {@code Secure} attribute)</td></tr>
 * </table>
 * The cookie is always {@code HttpOnly}.
 *
 * <p><b>The cookie.</b> Its value is {@code base64url(JSON) "." base64url(HMAC-SHA256)}; the
 * JSON holds the values and an expiry ({@code maxAge} after it was written), and the MAC covers
 * the cookie's name too. A cookie that is malformed, tampered with, signed by an unknown key,
 * expired, or longer than {@value #MAX_COOKIE_BYTES} bytes is an empty session, never an error;
 * the response then deletes it.
 *
 * <p><b>When the cookie is written.</b> The response sets the cookie when the session changed,
 * when the cookie was signed by a previous key, or when less than half of {@code maxAge} is
 * left (a sliding expiry that costs no {@code Set-Cookie} on every response). A session that is
 * empty at the end of the request, because it was cleared or the cookie was invalid, deletes the
 * cookie. A {@code Set-Cookie} line longer than {@value #MAX_COOKIE_BYTES} bytes, the least
 * browsers must keep, fails the request with an {@link IllegalStateException} that says so
 * (a 500 unless an exception handler takes it): keep an id in the session, not the data.
 * A request that fails with an unhandled exception saves nothing.
 *
 * <p><b>WebSocket handshakes</b> load the session too, read-only: no HTTP response follows
 * that could carry a cookie.
 *
 * <p><b>Key rotation.</b> {@link Builder#secretKey(byte[])} signs; every
 * {@link Builder#previousSecretKey(byte[]) previous key} is still accepted, and a session
 * signed by one is re-signed with the new key on its next response.
 *
 * <p><b>Security.</b>
 * <ul>
 *   <li>The session is signed, not encrypted: the client can read it. Never store secrets in
 *       it (passwords, tokens, personal data).</li>
 *   <li>The cookie is the whole state: clearing a session does not revoke copies of an older
 *       cookie, which stay valid until their expiry. Keep {@code maxAge} short, or store an id
 *       that the server can revoke.</li>
 *   <li>Browsers send this cookie with cross-origin WebSocket handshakes (cross-site WebSocket
 *       hijacking): a WebSocket route accepts only its own origin by default; keep it so, or list
 *       exactly the origins in {@code WebSocketOptions.allowedOrigins}.</li>
 *   <li>{@code SameSite=Lax} keeps the cookie off cross-site POSTs in browsers; it is no
 *       substitute for CSRF protection where older browsers matter.</li>
 * </ul>
 */
public final class SessionMiddleware implements Middleware {
    /** The shortest secret key accepted, in bytes (the output size of SHA-256). */
    public static final int MIN_KEY_BYTES = 32;
    /** The longest session cookie read, and the longest {@code Set-Cookie} line written. */
    public static final int MAX_COOKIE_BYTES = 4096;
    /** The cookie's name unless configured. */
    public static final String DEFAULT_COOKIE_NAME = "session";
    /** How long a session lasts without being written again, unless configured. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(14);

    private final CookieSigner signer;
    private final String cookieName;
    private final Duration maxAge;
    private final String path;
    private final String domain;
    private final Cookie.SameSite sameSite;
    private final boolean httpsOnly;
    private final Clock clock;

    private SessionMiddleware(Builder b) {
        this.signer = new CookieSigner(b.keys);
        this.cookieName = b.cookieName;
        this.maxAge = b.maxAge;
        this.path = b.path;
        this.domain = b.domain;
        this.sameSite = b.sameSite;
        this.httpsOnly = b.httpsOnly;
        this.clock = b.clock;
    }

    /** A builder; {@link Builder#secretKey(byte[]) secretKey} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<Response> handle(Request request, Next next) {
        Loaded loaded = load(request, false);
        return next.handle(request).thenApply(response -> save(response, loaded));
    }

    @Override
    public CompletionStage<Response> handleWebSocket(Request handshake, Next next) {
        load(handshake, true);
        return next.handle(handshake);
    }

    /** What the request's cookie held: its session, whether it was sent, and when a valid one expires. */
    private record Loaded(Session session, boolean cookieSent, Instant expires, boolean signedByNewestKey) {
    }

    private Loaded load(Request request, boolean readOnly) {
        Optional<String> cookie = request.cookie(cookieName);
        Optional<CookieSigner.Verified> verified = cookie
            .filter(value -> value.length() <= MAX_COOKIE_BYTES)
            .flatMap(value -> signer.verify(cookieName, value));
        Optional<SessionPayload> payload = verified.flatMap(v -> SessionPayload.read(v.payload(), clock.instant()));
        Map<String, Object> values = payload.map(SessionPayload::data).orElse(Map.of());
        Session session = readOnly ? Session.readOnly(values) : Session.of(values);
        request.setSession(session);
        return new Loaded(session, cookie.isPresent(), payload.map(SessionPayload::expires).orElse(null),
            verified.map(CookieSigner.Verified::signedByNewestKey).orElse(false));
    }

    private Response save(Response response, Loaded loaded) {
        Session session = loaded.session();
        if (session.isEmpty()) {
            return loaded.cookieSent() ? response.withCookie(cookie("", Duration.ZERO)) : response;
        }
        Instant now = clock.instant();
        boolean halfSpent = loaded.expires() == null || loaded.expires().isBefore(now.plus(maxAge.dividedBy(2)));
        if (!session.isModified() && loaded.signedByNewestKey() && !halfSpent) {
            return response;
        }
        Instant expires = Instant.ofEpochSecond(now.getEpochSecond()).plus(maxAge);
        String value = signer.sign(cookieName, new SessionPayload(session.asMap(), expires).toJson());
        String header = cookie(value, maxAge).toSetCookieHeader();
        if (header.length() > MAX_COOKIE_BYTES) {
            throw new IllegalStateException("the session cookie would be " + header.length() + " bytes, more than the "
                + MAX_COOKIE_BYTES + " browsers must keep: store less in the session (an id rather than the data)");
        }
        return response.addHeader("Set-Cookie", header);
    }

    private Cookie cookie(String value, Duration age) {
        Cookie cookie = Cookie.of(cookieName, value).maxAge(age).path(path).httpOnly(true).secure(httpsOnly).sameSite(sameSite);
        return domain == null ? cookie : cookie.domain(domain);
    }

    /** Options of a {@link SessionMiddleware}, each checked when it is given. */
    public static final class Builder {
        private final List<byte[]> keys = new ArrayList<>();
        private boolean hasSigningKey;
        private String cookieName = DEFAULT_COOKIE_NAME;
        private Duration maxAge = DEFAULT_MAX_AGE;
        private String path = "/";
        private String domain;
        private Cookie.SameSite sameSite = Cookie.SameSite.LAX;
        private boolean httpsOnly;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The key that signs sessions (and verifies them). Required; at least
         * {@value #MIN_KEY_BYTES} random bytes, e.g. from {@code SecureRandom} or
         * {@code openssl rand -base64 48}. The array is copied.
         */
        public Builder secretKey(byte[] key) {
            if (hasSigningKey) {
                throw new IllegalStateException("secretKey is already set; give older keys to previousSecretKey");
            }
            keys.add(0, checkKey(key, "secret key"));
            hasSigningKey = true;
            return this;
        }

        /** {@link #secretKey(byte[])} given as text: its UTF-8 bytes, at least {@value #MIN_KEY_BYTES} of them. */
        public Builder secretKey(String key) {
            return secretKey(Objects.requireNonNull(key, "key").getBytes(StandardCharsets.UTF_8));
        }

        /**
         * A key that signed sessions before {@link #secretKey(byte[])}: still accepted, never used
         * to sign; such sessions are re-signed with the new key on their next response. May be
         * given several times. Drop it once {@link #maxAge} has passed since the rotation.
         */
        public Builder previousSecretKey(byte[] key) {
            keys.add(checkKey(key, "previous secret key"));
            return this;
        }

        /** {@link #previousSecretKey(byte[])} given as text (its UTF-8 bytes). */
        public Builder previousSecretKey(String key) {
            return previousSecretKey(Objects.requireNonNull(key, "key").getBytes(StandardCharsets.UTF_8));
        }

        /** The cookie's name. Default: {@value #DEFAULT_COOKIE_NAME}. */
        public Builder cookieName(String name) {
            this.cookieName = Cookie.of(name, "").name();
            return this;
        }

        /** How long a session lasts after it was last written (cookie {@code Max-Age} and signed expiry). Default: 14 days. */
        public Builder maxAge(Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.getSeconds() < 1) {
                throw new IllegalArgumentException("maxAge must be at least one second, was " + maxAge);
            }
            this.maxAge = maxAge;
            return this;
        }

        /** The cookie's {@code Path}. Default: {@code /}. */
        public Builder path(String path) {
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("the cookie path must start with '/': " + path);
            }
            Cookie.of(DEFAULT_COOKIE_NAME, "").path(path); // refuses characters a cookie attribute cannot hold
            this.path = path;
            return this;
        }

        /** The cookie's {@code Domain}, to share it with subdomains. Default: none (only the host that set it). */
        public Builder domain(String domain) {
            Objects.requireNonNull(domain, "domain");
            Cookie.of(DEFAULT_COOKIE_NAME, "").domain(domain); // refuses characters a cookie attribute cannot hold
            this.domain = domain;
            return this;
        }

        /** The cookie's {@code SameSite}. Default: {@code LAX}. {@code NONE} requires {@link #httpsOnly}. */
        public Builder sameSite(Cookie.SameSite sameSite) {
            this.sameSite = Objects.requireNonNull(sameSite, "sameSite");
            return this;
        }

        /** Whether the cookie is {@code Secure} (sent over HTTPS only). Default: {@code false}. */
        public Builder httpsOnly(boolean httpsOnly) {
            this.httpsOnly = httpsOnly;
            return this;
        }

        /** The clock of expiries. Default: the system clock; tests may give a fixed or movable one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The middleware.
         *
         * @throws IllegalStateException when no secret key was given, or {@code SameSite=None} without {@code httpsOnly}
         */
        public SessionMiddleware build() {
            if (!hasSigningKey) {
                throw new IllegalStateException("SessionMiddleware needs a secretKey (at least " + MIN_KEY_BYTES + " random bytes)");
            }
            if (sameSite == Cookie.SameSite.NONE && !httpsOnly) {
                throw new IllegalStateException("sameSite(NONE) requires httpsOnly(true): browsers drop SameSite=None cookies without Secure");
            }
            return new SessionMiddleware(this);
        }

        private static byte[] checkKey(byte[] key, String what) {
            Objects.requireNonNull(key, what);
            if (key.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("the " + what + " must be at least " + MIN_KEY_BYTES
                    + " bytes, was " + key.length + "; generate one with SecureRandom or `openssl rand -base64 48`");
            }
            return key.clone();
        }
    }
}
