package io.nettle.auth.backends;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationError;
import io.nettle.auth.Challenges;
import io.nettle.http.Connection;
import io.nettle.security.AuthCredentials;
import io.nettle.security.BaseUser;
import io.nettle.security.SimpleUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Path;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;

/**
 * Authentication by a JSON Web Token in {@code Authorization: Bearer <token>}
 * (<a href="https://www.rfc-editor.org/rfc/rfc6750">RFC 6750</a>), verified with
 * <a href="https://connect2id.com/products/nimbus-jose-jwt">Nimbus JOSE + JWT</a>.
 * <pre>{@code
 * JwtBearerBackend jwt = JwtBearerBackend.builder()
 *     .hs256(secretBytes)                    // or .rs256(publicKey) / .es256(publicKey)
 *     .issuer("https://auth.example.com")
 *     .audience("reports-api")
 *     .build();
 * }</pre>
 * <ul>
 *   <li>The algorithm is pinned by the configuration, exactly one of HS256 (a shared secret
 *       of at least 32 bytes), RS256 (an RSA public key of at least 2048 bits) or ES256 (a
 *       P-256 public key). A token signed otherwise, or unsigned ({@code alg: none}), is refused.</li>
 *   <li>Or the keys of a JWK set ({@link Builder#jwks(Path)} from a file,
 *       {@link Builder#jwks(URI)} from an identity provider's {@code jwks_uri}, cached and
 *       refreshed; tokens are then verified on the worker pool), picked by {@code kid}, with
 *       the algorithms of {@link Builder#jwksAlgorithms} (default RS256 and ES256).</li>
 *   <li>{@code typ}: absent, {@code JWT} or {@code at+jwt} (RFC 9068), case-insensitive,
 *       {@code application/} optional; {@link Builder#allowedTypes} changes the list.</li>
 *   <li>{@code exp} is required; {@code nbf} is checked when present; both with a clock skew
 *       (default 60 s). {@code iss} and {@code aud} are checked when configured (default: not).
 *       {@code sub} is required. {@link Builder#maxAge} requires {@code iat} and bounds the
 *       token's age.</li>
 *   <li>{@link JwtIssuer} mints tokens with the same settings ({@link JwtIssuer#verifier()}).</li>
 *   <li>The result, by default: a {@link SimpleUser} named by {@code sub}, with the scope
 *       {@code authenticated} plus the token's own scopes ({@link #scopes(JWTClaimsSet)}).
 *       {@link Builder#results} replaces this mapping.</li>
 * </ul>
 * No {@code Authorization} header, or another scheme: anonymous (a chain may try another
 * backend). Any other failure (a malformed, expired, not yet valid, wrongly signed or
 * wrongly addressed token, or several {@code Authorization} headers):
 * {@code AuthenticationError("Invalid bearer token")}, the same short message whatever the
 * cause, with nothing of the token in it.
 *
 * <p>Challenges (RFC 6750 §3): the backend's is {@code Bearer}, or {@code Bearer realm="..."}
 * with {@link Builder#realm}, which a guard with {@code challenge()} sends to an anonymous
 * request with its {@code 401}. A refused token's error carries
 * {@code Bearer error="invalid_token", error_description="Invalid bearer token"}, and a
 * malformed {@code Authorization} value (several headers, a {@code Bearer} without exactly one
 * token) {@code error="invalid_request"}: with {@code Challenges.unauthorized()} (or an
 * {@code onError} using {@code Challenges.addTo}) the client gets RFC 6750's {@code 401} and
 * that challenge. Every result has the scope {@code authenticated}, a
 * {@link Builder#results} mapping's included.
 */
public final class JwtBearerBackend implements AuthenticationBackend {
    /** The message of every refused token. */
    public static final String INVALID = "Invalid bearer token";
    /** The default clock skew tolerated on {@code exp} and {@code nbf}. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    /** The value of {@link Builder#allowedTypes} that stands for a token without {@code typ}. */
    public static final String NO_TYPE = "";
    /** The default window in which unknown keys may cause at most two fetches of a JWKS URL. */
    public static final Duration DEFAULT_JWKS_REFRESH_LIMIT = Duration.ofSeconds(30);
    /** How long a JWKS fetched from a URL is used before it is fetched again. */
    public static final Duration DEFAULT_JWKS_CACHE = Duration.ofMinutes(5);

    private final String keys;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final Function<JWTClaimsSet, AuthResult> results;
    private final String challenge;
    private final String invalidToken;
    private final String invalidRequest;
    /** Verifies off the event loop (a JWKS URL may be fetched); null when verification never blocks. */
    private final AuthenticationBackend offLoop;

    private JwtBearerBackend(Builder b) {
        this.challenge = b.realm == null ? "Bearer" : "Bearer realm=" + Challenges.quoted(b.realm);
        String prefix = b.realm == null ? "Bearer " : challenge + ", ";
        this.invalidToken = prefix + "error=\"invalid_token\", error_description=\"" + INVALID + "\"";
        this.invalidRequest = prefix + "error=\"invalid_request\", error_description=\"" + INVALID + "\"";
        this.keys = b.jwksUrl != null ? "JWKS " + b.jwksUrl : b.jwksFile != null ? "JWKS file " + b.jwksFile : b.algorithm.getName();
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(keySelector(b));
        processor.setJWSTypeVerifier(typeVerifier(b.types));
        processor.setJWTClaimsSetVerifier(claimsVerifier(b));
        this.results = b.results;
        this.offLoop = b.jwksUrl == null ? null : AuthenticationBackend.blocking(connection -> verify(connection));
    }

    /** Verifies the signature with the pinned key, the JWKS file's keys or the JWKS URL's keys. */
    private static JWSKeySelector<SecurityContext> keySelector(Builder b) {
        if (b.jwksFile != null) {
            return new JWSVerificationKeySelector<>(b.jwksAlgorithms, new ImmutableJWKSet<>(b.jwksFile));
        }
        if (b.jwksUrl != null) {
            return new JWSVerificationKeySelector<>(b.jwksAlgorithms, remoteKeys(b));
        }
        return new SingleKeyJWSKeySelector<>(b.algorithm, b.key);
    }

    /**
     * A JWKS URL, cached for {@code jwksCache} (refreshed in the background 30 s ahead of its
     * end), fetched again for an unknown {@code kid} at most twice per {@code jwksRefreshLimit}
     * (Nimbus's rate limiter: the fetch that found the set stale, and one more); 2 s to connect
     * and 2 s to read, so that a fetch ends within the middleware's default timeout of 5 s; at
     * most 512 KiB.
     */
    private static JWKSource<SecurityContext> remoteKeys(Builder b) {
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(2_000, 2_000, 512 * 1024, true,
            b.jwksTls == null ? null : b.jwksTls.getSocketFactory());
        try {
            long ttl = b.jwksCache.toMillis();
            long refreshTimeout = Math.min(4_000, ttl / 2);
            long refreshAhead = Math.min(JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME, (ttl - refreshTimeout) / 2);
            return JWKSourceBuilder.<SecurityContext>create(b.jwksUrl.toURL(), retriever)
                .cache(ttl, refreshTimeout)
                .refreshAheadCache(refreshAhead, null, REFRESHES, false, null, false)
                .rateLimited(b.jwksRefreshLimit.toMillis())
                .retrying(false)
                .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + b.jwksUrl, e);
        }
    }

    /** Refreshes JWK sets ahead of their expiry: one daemon thread for every backend, ended when idle. */
    private static final ExecutorService REFRESHES = refreshes();

    private static ExecutorService refreshes() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(64), work -> {
            Thread thread = new Thread(work, "nettle-jwks-refresh");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** Accepts a {@code typ} in {@code allowed}: case-insensitive, {@code application/} optional (RFC 7515, 8725). */
    private static JOSEObjectTypeVerifier<SecurityContext> typeVerifier(Set<String> allowed) {
        return (type, context) -> {
            String name = type == null ? NO_TYPE : normalType(type.getType());
            if (!allowed.contains(name) || type != null && name.isEmpty()) {
                throw new BadJOSEException("typ not allowed");
            }
        };
    }

    /** {@code typ} lower-cased, without {@code application/}. */
    static String normalType(String type) {
        String lower = type.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("application/") ? lower.substring("application/".length()) : lower;
    }

    /** {@code exp} and {@code sub} required, {@code iss} and {@code aud} when configured, {@code iat} within the maximum age. */
    private static DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(Builder b) {
        Set<String> required = new HashSet<>(Set.of("exp", "sub"));
        if (b.maxAge != null) {
            required.add("iat");
        }
        DefaultJWTClaimsVerifier<SecurityContext> claims = new MaxAgeVerifier(
            b.audience == null ? null : Set.of(b.audience),
            b.issuer == null ? new JWTClaimsSet.Builder().build() : new JWTClaimsSet.Builder().issuer(b.issuer).build(),
            required, b.maxAge);
        claims.setMaxClockSkew((int) b.clockSkew.toSeconds());
        return claims;
    }

    /** Nimbus's claims checks, then: {@code iat} not in the future and not older than the maximum age (both with the skew). */
    private static final class MaxAgeVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {
        private final Duration maxAge;

        MaxAgeVerifier(Set<String> audience, JWTClaimsSet exact, Set<String> required, Duration maxAge) {
            super(audience, exact, required, null);
            this.maxAge = maxAge;
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            super.verify(claims, context);
            if (maxAge == null) {
                return;
            }
            Date issued = claims.getIssueTime();
            long now = System.currentTimeMillis();
            long skew = getMaxClockSkew() * 1000L;
            if (issued == null || issued.getTime() > now + skew) {
                throw new BadJWTException("iat missing or in the future");
            }
            if (issued.getTime() + maxAge.toMillis() < now - skew) {
                throw new BadJWTException("token too old");
            }
        }
    }

    /** A builder; one of {@code hs256}, {@code rs256} or {@code es256} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The scopes of a token: the space-separated {@code scope} claim (RFC 8693), else the
     * {@code scopes} array, else none.
     *
     * @throws AuthenticationError when the claim is of another type
     */
    public static List<String> scopes(JWTClaimsSet claims) {
        try {
            String scope = claims.getStringClaim("scope");
            if (scope != null) {
                return Arrays.stream(scope.split(" ")).filter(s -> !s.isEmpty()).toList();
            }
            List<String> scopes = claims.getStringListClaim("scopes");
            if (scopes != null && scopes.contains(null)) {
                throw new AuthenticationError(INVALID);
            }
            return scopes == null ? List.of() : List.copyOf(scopes);
        } catch (ParseException e) {
            throw new AuthenticationError(INVALID);
        }
    }

    /** The default result: {@code sub} as a {@link SimpleUser}, {@code authenticated} plus the token's scopes. */
    private static AuthResult defaultResult(JWTClaimsSet claims) {
        Set<String> scopes = new LinkedHashSet<>();
        scopes.add("authenticated");
        scopes.addAll(scopes(claims));
        return new AuthResult(AuthCredentials.of(scopes), new SimpleUser(claims.getSubject()));
    }

    /** {@code Bearer}, or {@code Bearer realm="..."} with a realm. */
    @Override
    public List<String> challenges() {
        return List.of(challenge);
    }

    @Override
    public CompletionStage<Optional<AuthResult>> authenticate(Connection connection) throws Exception {
        if (offLoop != null) {
            return offLoop.authenticate(connection).thenApply(found -> found.map(this::result));
        }
        return CompletableFuture.completedFuture(verify(connection).map(this::result));
    }

    /**
     * The verified claims of the connection's bearer token as a result still to map; empty for
     * no token. May block when a JWKS URL is fetched.
     */
    private Optional<AuthResult> verify(Connection connection) {
        List<String> headers = connection.headers().getAll("Authorization");
        if (headers.isEmpty()) {
            return Optional.empty();
        }
        if (headers.size() > 1) {
            throw new AuthenticationError(INVALID, invalidRequest);
        }
        Optional<String> token;
        try {
            token = bearerToken(headers.get(0));
        } catch (AuthenticationError malformed) {
            throw new AuthenticationError(INVALID, invalidRequest);
        }
        if (token.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AuthResult(AuthCredentials.of(), new Verified(processor.process(token.get(), null))));
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new AuthenticationError(INVALID, invalidToken);
        }
    }

    /** The mapping of verified claims, on the event loop. */
    private AuthResult result(AuthResult verified) {
        AuthResult result;
        try {
            result = Objects.requireNonNull(results.apply(((Verified) verified.user()).claims), "results");
        } catch (AuthenticationError refused) {
            throw refused.challenge().isPresent() ? refused : new AuthenticationError(refused.getMessage(), invalidToken);
        }
        return result.withAuthenticated();
    }

    /** Carries verified claims from {@link #verify} (possibly on a worker) to {@link #result} (on the event loop); never a user. */
    private record Verified(JWTClaimsSet claims) implements BaseUser {
        @Override
        public boolean isAuthenticated() {
            return false;
        }

        @Override
        public String displayName() {
            return "";
        }

        @Override
        public String identity() {
            return "";
        }
    }

    /** The token of a {@code Bearer} value; empty for another scheme; an error for a malformed Bearer value. */
    private static Optional<String> bearerToken(String header) {
        List<String> parts = BasicCredentials.splitOnWhitespace(header);
        if (parts.isEmpty() || !parts.get(0).toLowerCase(Locale.ROOT).equals("bearer")) {
            return Optional.empty();
        }
        if (parts.size() != 2) {
            throw new AuthenticationError(INVALID);
        }
        return Optional.of(parts.get(1));
    }

    @Override
    public String toString() {
        return "JwtBearerBackend[" + keys + "]";
    }

    /** Options of a {@link JwtBearerBackend}, checked as they are given. */
    public static final class Builder {
        private JWSAlgorithm algorithm;
        private Key key;
        private String issuer;
        private String audience;
        private String realm;
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private Function<JWTClaimsSet, AuthResult> results = JwtBearerBackend::defaultResult;
        private Set<String> types = Set.of(NO_TYPE, "jwt", "at+jwt");
        private Duration maxAge;
        private JWKSet jwksFile;
        private URI jwksUrl;
        private Set<JWSAlgorithm> jwksAlgorithms = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
        private Duration jwksCache = DEFAULT_JWKS_CACHE;
        private Duration jwksRefreshLimit = DEFAULT_JWKS_REFRESH_LIMIT;
        private SSLContext jwksTls;

        private Builder() {
        }

        /** Accepts tokens signed with HMAC-SHA256 under {@code secret}, which must have at least 32 bytes. */
        public Builder hs256(byte[] secret) {
            Objects.requireNonNull(secret, "secret");
            if (secret.length < 32) {
                throw new IllegalArgumentException("an HS256 secret needs at least 32 bytes, was " + secret.length);
            }
            return pin(JWSAlgorithm.HS256, new SecretKeySpec(secret, "HmacSHA256"));
        }

        /** Accepts tokens signed with RSASSA-PKCS1-v1_5 SHA-256 by the holder of {@code publicKey} (at least 2048 bits). */
        public Builder rs256(RSAPublicKey publicKey) {
            Objects.requireNonNull(publicKey, "publicKey");
            if (publicKey.getModulus().bitLength() < 2048) {
                throw new IllegalArgumentException("an RS256 key needs at least 2048 bits, was " + publicKey.getModulus().bitLength());
            }
            return pin(JWSAlgorithm.RS256, publicKey);
        }

        /** Accepts tokens signed with ECDSA P-256 SHA-256 by the holder of {@code publicKey} (a P-256 key). */
        public Builder es256(ECPublicKey publicKey) {
            Objects.requireNonNull(publicKey, "publicKey");
            if (!Curve.P_256.equals(Curve.forECParameterSpec(publicKey.getParams()))) {
                throw new IllegalArgumentException("an ES256 key must be on the P-256 curve");
            }
            return pin(JWSAlgorithm.ES256, publicKey);
        }

        /** Requires {@code iss} to equal {@code issuer}. Default: any issuer. */
        public Builder issuer(String issuer) {
            this.issuer = nonBlank(issuer, "issuer");
            return this;
        }

        /** Requires {@code aud} to contain {@code audience}. Default: any audience, or none. */
        public Builder audience(String audience) {
            this.audience = nonBlank(audience, "audience");
            return this;
        }

        /** The realm of the challenge ({@code Bearer realm="..."}). Default: none ({@code Bearer}). */
        public Builder realm(String realm) {
            Challenges.quoted(nonBlank(realm, "realm"));
            this.realm = realm;
            return this;
        }

        /** The clock difference tolerated on {@code exp} and {@code nbf}, whole seconds. Default: 60 s. */
        public Builder clockSkew(Duration skew) {
            Objects.requireNonNull(skew, "skew");
            if (skew.isNegative() || skew.toSeconds() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the clock skew must be between 0 and Integer.MAX_VALUE seconds");
            }
            this.clockSkew = skew;
            return this;
        }

        /**
         * The result for verified claims, instead of the default ({@code sub} as a
         * {@link SimpleUser}, {@code authenticated} plus {@link #scopes}). It runs on the
         * event loop, must not return {@code null}, and may throw {@link AuthenticationError}
         * to refuse a token.
         */
        public Builder results(Function<JWTClaimsSet, AuthResult> results) {
            this.results = Objects.requireNonNull(results, "results");
            return this;
        }

        /**
         * The {@code typ} header values accepted, compared case-insensitively and with or without
         * {@code application/} (RFC 8725 3.11); {@link #NO_TYPE} accepts a token without
         * {@code typ}. Default: none, {@code JWT} and {@code at+jwt} (RFC 9068 access tokens).
         * A resource server for RFC 9068 tokens only would say {@code allowedTypes("at+jwt")}.
         */
        public Builder allowedTypes(String... types) {
            Set<String> allowed = new HashSet<>();
            for (String type : Objects.requireNonNull(types, "types")) {
                allowed.add(normalType(Objects.requireNonNull(type, "type")));
            }
            if (allowed.isEmpty()) {
                throw new IllegalArgumentException("at least one type must be allowed");
            }
            this.types = Set.copyOf(allowed);
            return this;
        }

        /**
         * Requires {@code iat} and refuses a token issued more than {@code maxAge} ago, or in the
         * future, both beyond the clock skew, whatever its {@code exp}. Default: no maximum age,
         * {@code iat} not required.
         */
        public Builder maxAge(Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("the maximum age must be positive");
            }
            this.maxAge = maxAge;
            return this;
        }

        /**
         * Verifies with the keys of a JWK set file (RFC 7517), read now and never again; a token's
         * {@code kid} picks the key. The algorithms are those of {@link #jwksAlgorithms}.
         *
         * @throws UncheckedIOException when the file cannot be read
         * @throws IllegalArgumentException when it is not a JWK set
         */
        public Builder jwks(Path file) {
            Objects.requireNonNull(file, "file");
            try {
                JWKSet set = JWKSet.load(file.toFile());
                pinKeys();
                this.jwksFile = set;
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the JWK set " + file, e);
            } catch (ParseException e) {
                throw new IllegalArgumentException("not a JWK set: " + file, e);
            }
        }

        /**
         * Verifies with the keys an identity provider publishes at {@code url} (its
         * {@code jwks_uri}), fetched when first needed, kept for {@link #jwksCache} (and refreshed
         * ahead of its end), and fetched again when a token names an unknown {@code kid}, at most
         * once per {@link #jwksRefreshLimit}. Tokens are then verified on the app's worker pool,
         * never on the event loop; an unreachable URL refuses the tokens whose key is not cached.
         */
        public Builder jwks(URI url) {
            Objects.requireNonNull(url, "url");
            if (!"https".equalsIgnoreCase(url.getScheme()) && !"http".equalsIgnoreCase(url.getScheme())) {
                throw new IllegalArgumentException("a JWKS URL must be http or https: " + url);
            }
            pinKeys();
            this.jwksUrl = url;
            return this;
        }

        /** The algorithms accepted with JWKS keys, e.g. {@code "RS256", "ES256", "PS256"}. Default: RS256 and ES256. */
        public Builder jwksAlgorithms(String... algorithms) {
            Set<JWSAlgorithm> accepted = new HashSet<>();
            for (String name : Objects.requireNonNull(algorithms, "algorithms")) {
                JWSAlgorithm algorithm = JWSAlgorithm.parse(Objects.requireNonNull(name, "algorithm"));
                if (!JWSAlgorithm.Family.SIGNATURE.contains(algorithm)) {
                    throw new IllegalArgumentException("not a public-key signature algorithm: " + name);
                }
                accepted.add(algorithm);
            }
            if (accepted.isEmpty()) {
                throw new IllegalArgumentException("at least one algorithm must be accepted");
            }
            this.jwksAlgorithms = Set.copyOf(accepted);
            return this;
        }

        /** How long a JWKS fetched from a URL is used; longer than {@link #jwksRefreshLimit}. Default: 5 minutes. */
        public Builder jwksCache(Duration ttl) {
            this.jwksCache = positive(ttl, "ttl");
            return this;
        }

        /**
         * The window in which unknown {@code kid}s cause at most two fetches of the JWKS URL
         * (Nimbus's rate limiter); shorter than {@link #jwksCache}. Default: 30 s.
         */
        public Builder jwksRefreshLimit(Duration interval) {
            this.jwksRefreshLimit = positive(interval, "interval");
            return this;
        }

        /** The TLS settings for the JWKS URL (a private CA, for example). Default: the JVM's. */
        public Builder jwksTls(SSLContext tls) {
            this.jwksTls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * The backend.
         *
         * @throws IllegalStateException when no key was given
         */
        public JwtBearerBackend build() {
            if (algorithm == null) {
                throw new IllegalStateException("a JwtBearerBackend needs a key: call hs256, rs256, es256 or jwks");
            }
            if (jwksUrl != null && jwksRefreshLimit.compareTo(jwksCache) >= 0) {
                throw new IllegalStateException("the JWKS refresh limit (" + jwksRefreshLimit + ") must be shorter than the cache ("
                    + jwksCache + ")");
            }
            return new JwtBearerBackend(this);
        }

        private Builder pinKeys() {
            pin(new JWSAlgorithm("JWKS"), null);
            return this;
        }

        private static Duration positive(Duration value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return value;
        }

        private Builder pin(JWSAlgorithm algorithm, Key key) {
            if (this.algorithm != null) {
                throw new IllegalStateException("the algorithm is already pinned to " + this.algorithm);
            }
            this.algorithm = algorithm;
            this.key = key;
            return this;
        }

        static String nonBlank(String value, String what) {
            if (Objects.requireNonNull(value, what).isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }
    }
}
