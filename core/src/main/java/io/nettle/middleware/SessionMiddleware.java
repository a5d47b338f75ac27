package io.nettle.middleware;

import io.nettle.http.ConnectionExecutor;
import io.nettle.http.Cookie;
import io.nettle.http.HttpException;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.http.Session;
import io.nettle.security.CookieSigner;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <tr><td>{@link Builder#absoluteLifetime absoluteLifetime}</td><td>30 days from the session's start</td></tr>
 * <tr><td>{@link Builder#store store}</td><td>none: the session lives in the cookie</td></tr>
 * </table>
 * The cookie is always {@code HttpOnly}.
 *
 * <p><b>The cookie.</b> Its value is {@code base64url(JSON) "." base64url(HMAC-SHA256)}; the
 * JSON holds the values, an expiry ({@code maxAge} after it was written) and the session's issue
 * time, and the MAC covers the cookie's name too. With a {@link Builder#store store} the cookie
 * signs only the session's id, a random 256-bit value, and the values stay on the server.
 *
 * <p><b>Lifetime.</b> A session lapses {@code maxAge} after it was last written (a sliding
 * expiry), and in any case {@code absoluteLifetime} after it started: its login, when
 * {@link io.nettle.http.Session#regenerate()} (which {@code SessionBackend.login} calls) gave it a
 * new issue time and, in a store, a new id. A cookie that is malformed, tampered with, signed by an unknown key,
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
 *   <li>Without a store, the cookie is the whole state: clearing a session does not revoke
 *       copies of an older cookie, which stay valid until their expiry (at most the absolute
 *       lifetime). With a {@link SessionStore}, a logout deletes the stored session, so every copy
 *       of its cookie is worth nothing, and {@link SessionStore#deleteAllOf} revokes all of a
 *       user's sessions (a password change, a removed role). A store that fails makes requests
 *       fail with {@code 503}: never an anonymous or stale user.</li>
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
    /** How long a session lasts at most from its start, however often it is used, unless configured. */
    public static final Duration DEFAULT_ABSOLUTE_LIFETIME = Duration.ofDays(30);
    private static final Logger LOG = LoggerFactory.getLogger(SessionMiddleware.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CookieSigner signer;
    private final String cookieName;
    private final Duration maxAge;
    private final String path;
    private final String domain;
    private final Cookie.SameSite sameSite;
    private final boolean httpsOnly;
    private final Clock clock;
    private final Duration absoluteLifetime;
    /** The server-side store, or {@code null}: the session lives in the cookie. */
    private final SessionStore store;

    private SessionMiddleware(Builder b) {
        this.signer = new CookieSigner(b.keys);
        this.cookieName = b.cookieName;
        this.maxAge = b.maxAge;
        this.path = b.path;
        this.domain = b.domain;
        this.sameSite = b.sameSite;
        this.httpsOnly = b.httpsOnly;
        this.clock = b.clock;
        this.absoluteLifetime = b.absoluteLifetime;
        this.store = b.store;
    }

    /** A builder; {@link Builder#secretKey(byte[]) secretKey} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<Response> handle(Request request, Next next) {
        if (store != null) {
            return loadStored(request, false).thenCompose(loaded -> next.handle(request).thenCompose(response -> saveStored(response, loaded, request.executor())));
        }
        Loaded loaded = load(request, false);
        return next.handle(request).thenApply(response -> save(response, loaded));
    }

    @Override
    public CompletionStage<Response> handleWebSocket(Request handshake, Next next) {
        if (store != null) {
            return loadStored(handshake, true).thenCompose(loaded -> next.handle(handshake));
        }
        load(handshake, true);
        return next.handle(handshake);
    }

    /**
     * What the request's cookie held: its session, whether a cookie was sent, when a valid one
     * expires and was issued, and whether it was signed by the newest key; with a store, its id.
     */
    private record Loaded(Session session, boolean cookieSent, Instant expires, Instant issued, boolean signedByNewestKey, String id) {
    }

    /** Whether a session issued at {@code issued} is still within its absolute lifetime at {@code now}. */
    private boolean young(Instant issued, Instant now) {
        return issued.plus(absoluteLifetime).isAfter(now);
    }

    private Optional<CookieSigner.Verified> verifiedCookie(Request request) {
        return request.cookie(cookieName).filter(value -> value.length() <= MAX_COOKIE_BYTES).flatMap(value -> signer.verify(cookieName, value));
    }

    private Loaded load(Request request, boolean readOnly) {
        Optional<CookieSigner.Verified> verified = verifiedCookie(request);
        Instant now = clock.instant();
        Optional<SessionPayload> payload = verified.flatMap(v -> SessionPayload.read(v.payload(), now))
            .filter(p -> young(p.issued(), now));
        Map<String, Object> values = payload.map(SessionPayload::data).orElse(Map.of());
        Session session = readOnly ? Session.readOnly(values) : Session.of(values);
        request.setSession(session);
        return new Loaded(session, request.cookie(cookieName).isPresent(), payload.map(SessionPayload::expires).orElse(null),
            payload.map(SessionPayload::issued).orElse(null), verified.map(CookieSigner.Verified::signedByNewestKey).orElse(false), null);
    }

    private Response save(Response response, Loaded loaded) {
        Session session = loaded.session();
        if (session.isEmpty()) {
            return loaded.cookieSent() ? response.withCookie(cookie("", Duration.ZERO)) : response;
        }
        Instant now = clock.instant();
        if (!session.isModified() && loaded.signedByNewestKey() && !halfSpent(loaded.expires(), now)) {
            return response;
        }
        Instant expires = Instant.ofEpochSecond(now.getEpochSecond()).plus(maxAge);
        Instant issued = loaded.issued() == null || session.isRegenerated() ? Instant.ofEpochSecond(now.getEpochSecond()) : loaded.issued();
        String value = signer.sign(cookieName, new SessionPayload(session.asMap(), expires, issued).toJson());
        return withSessionCookie(response, value);
    }

    private boolean halfSpent(Instant expires, Instant now) {
        return expires == null || expires.isBefore(now.plus(maxAge.dividedBy(2)));
    }

    private Response withSessionCookie(Response response, String value) {
        String header = cookie(value, maxAge).toSetCookieHeader();
        if (header.length() > MAX_COOKIE_BYTES) {
            throw new IllegalStateException("the session cookie would be " + header.length() + " bytes, more than the "
                + MAX_COOKIE_BYTES + " browsers must keep: store less in the session (an id rather than the data)");
        }
        return response.addHeader("Set-Cookie", header);
    }

    /** The session the store holds for the cookie's id; a store that fails makes the request fail with 503. */
    private CompletionStage<Loaded> loadStored(Request request, boolean readOnly) {
        Optional<String> id = verifiedCookie(request).map(v -> new String(v.payload(), StandardCharsets.US_ASCII));
        boolean cookieSent = request.cookie(cookieName).isPresent();
        Instant now = clock.instant();
        CompletionStage<Optional<SessionStore.Stored>> stored = id.isPresent()
            ? storeStage(request.executor(), () -> store.load(id.get(), now)) : CompletableFuture.completedFuture(Optional.empty());
        return stored.thenApply(found -> {
            Optional<SessionStore.Stored> live = found.filter(s -> young(s.issued(), now));
            Map<String, Object> values = live.map(SessionStore.Stored::data).orElse(Map.of());
            Session session = readOnly ? Session.readOnly(values) : Session.of(values, live.map(SessionStore.Stored::owner).orElse(null));
            request.setSession(session);
            return new Loaded(session, cookieSent, live.map(SessionStore.Stored::expires).orElse(null),
                live.map(SessionStore.Stored::issued).orElse(null), true, live.isPresent() ? id.get() : null);
        });
    }

    /** Saves a changed (or half-spent) session in the store, under a new id when it is new or regenerated. */
    private CompletionStage<Response> saveStored(Response response, Loaded loaded, ConnectionExecutor loop) {
        Session session = loaded.session();
        if (session.isEmpty()) {
            CompletionStage<Void> deleted = loaded.id() == null ? CompletableFuture.completedFuture(null) : storeStage(loop, () -> store.delete(loaded.id()));
            return deleted.thenApply(done -> loaded.cookieSent() ? response.withCookie(cookie("", Duration.ZERO)) : response);
        }
        Instant now = clock.instant();
        boolean fresh = loaded.id() == null || session.isRegenerated();
        if (!fresh && !session.isModified() && !halfSpent(loaded.expires(), now)) {
            return CompletableFuture.completedFuture(response);
        }
        String id = fresh ? newId() : loaded.id();
        Instant seconds = Instant.ofEpochSecond(now.getEpochSecond());
        SessionStore.Stored stored = new SessionStore.Stored(session.asMap(), session.owner().orElse(null),
            fresh ? seconds : loaded.issued(), seconds.plus(maxAge));
        CompletionStage<Void> replaced = fresh && loaded.id() != null ? storeStage(loop, () -> store.delete(loaded.id()))
            : CompletableFuture.completedFuture(null);
        return replaced.thenCompose(done -> storeStage(loop, () -> store.save(id, stored)))
            .thenApply(done -> withSessionCookie(response, signer.sign(cookieName, id.getBytes(StandardCharsets.US_ASCII))));
    }

    /**
     * A store call whose failure (thrown or as a stage) becomes a {@code 503}: sessions fail
     * closed. It carries on on the connection's {@code loop}, whatever thread the store completed on.
     */
    private static <T> CompletionStage<T> storeStage(ConnectionExecutor loop, java.util.function.Supplier<CompletionStage<T>> call) {
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> back = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> loop.run(() -> {
            if (failure != null) {
                LOG.warn("The session store failed: {}", failure.toString());
                back.completeExceptionally(new HttpException(503, "Sessions are unavailable, try again later"));
            } else {
                back.complete(value);
            }
        }));
        return back;
    }

    /** A new session id: 32 random bytes, base64url. */
    private static String newId() {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
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
        private Duration absoluteLifetime = DEFAULT_ABSOLUTE_LIFETIME;
        private SessionStore store;

        private Builder() {
        }

        /**
         * How long a session lasts at most from its start (its login, see
         * {@link Session#regenerate()}), however often it is used: past it the session is empty,
         * whatever its sliding expiry says. Default: 30 days.
         */
        public Builder absoluteLifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "lifetime");
            if (lifetime.getSeconds() < 1) {
                throw new IllegalArgumentException("absoluteLifetime must be at least one second, was " + lifetime);
            }
            this.absoluteLifetime = lifetime;
            return this;
        }

        /**
         * Keeps sessions in {@code store} on the server: the cookie holds only a signed,
         * unguessable id; a logout (an emptied session) deletes the stored one, so an older copy
         * of the cookie is worth nothing, and {@link SessionStore#deleteAllOf} revokes all of a
         * user's sessions. Default: none (the session lives in the cookie).
         */
        public Builder store(SessionStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
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
