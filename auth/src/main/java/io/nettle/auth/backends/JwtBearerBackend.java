package io.nettle.auth.backends;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationError;
import io.nettle.auth.Challenges;
import io.nettle.http.Connection;
import io.nettle.security.AuthCredentials;
import io.nettle.security.SimpleUser;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import javax.crypto.spec.SecretKeySpec;

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
 *   <li>{@code exp} is required; {@code nbf} is checked when present; both with a clock skew
 *       (default 60 s). {@code iss} and {@code aud} are checked when configured (default: not).
 *       {@code sub} is required.</li>
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

    private final JWSAlgorithm algorithm;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final Function<JWTClaimsSet, AuthResult> results;
    private final String challenge;
    private final String invalidToken;
    private final String invalidRequest;

    private JwtBearerBackend(Builder b) {
        this.challenge = b.realm == null ? "Bearer" : "Bearer realm=" + Challenges.quoted(b.realm);
        String prefix = b.realm == null ? "Bearer " : challenge + ", ";
        this.invalidToken = prefix + "error=\"invalid_token\", error_description=\"" + INVALID + "\"";
        this.invalidRequest = prefix + "error=\"invalid_request\", error_description=\"" + INVALID + "\"";
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
            b.audience == null ? null : Set.of(b.audience),
            b.issuer == null ? new JWTClaimsSet.Builder().build() : new JWTClaimsSet.Builder().issuer(b.issuer).build(),
            Set.of("exp", "sub"), null);
        claims.setMaxClockSkew((int) b.clockSkew.toSeconds());
        this.algorithm = b.algorithm;
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new SingleKeyJWSKeySelector<>(b.algorithm, b.key));
        processor.setJWTClaimsSetVerifier(claims);
        this.results = b.results;
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
    public CompletionStage<Optional<AuthResult>> authenticate(Connection connection) {
        List<String> headers = connection.headers().getAll("Authorization");
        if (headers.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
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
            return CompletableFuture.completedFuture(Optional.empty());
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token.get(), null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new AuthenticationError(INVALID, invalidToken);
        }
        AuthResult result;
        try {
            result = Objects.requireNonNull(results.apply(claims), "results");
        } catch (AuthenticationError refused) {
            throw refused.challenge().isPresent() ? refused : new AuthenticationError(refused.getMessage(), invalidToken);
        }
        return CompletableFuture.completedFuture(Optional.of(result.withAuthenticated()));
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
        return "JwtBearerBackend[" + algorithm + "]";
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
         * The backend.
         *
         * @throws IllegalStateException when no algorithm and key were given
         */
        public JwtBearerBackend build() {
            if (algorithm == null) {
                throw new IllegalStateException("a JwtBearerBackend needs a key: call hs256, rs256 or es256");
            }
            return new JwtBearerBackend(this);
        }

        private Builder pin(JWSAlgorithm algorithm, Key key) {
            if (this.algorithm != null) {
                throw new IllegalStateException("the algorithm is already pinned to " + this.algorithm);
            }
            this.algorithm = algorithm;
            this.key = key;
            return this;
        }

        private static String nonBlank(String value, String what) {
            if (Objects.requireNonNull(value, what).isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }
    }
}
