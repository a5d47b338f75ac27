package io.nettle.auth.backends;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Mints the JSON Web Tokens a {@link JwtBearerBackend} verifies, with the same key, algorithm,
 * issuer, audience and {@code typ}:
 * <pre>{@code
 * JwtIssuer issuer = JwtIssuer.hs256(secret)              // or rs256(keyPair) / es256(keyPair)
 *     .issuer("https://auth.example.com").audience("reports-api")
 *     .lifetime(Duration.ofMinutes(15))
 *     .build();
 * String token = issuer.issue("tom", "reports:read");      // compact JWS
 * JwtBearerBackend backend = issuer.verifier().build();    // accepts exactly these tokens
 * }</pre>
 * A token has {@code typ: at+jwt} (RFC 9068) by default, and the claims {@code sub},
 * {@code iat}, {@code exp} ({@code iat} plus the lifetime), {@code jti} (128 random bits),
 * {@code iss} and {@code aud} when configured and {@code scope} (space-separated) when there
 * are scopes. Thread-safe.
 */
public final class JwtIssuer {
    /** The default lifetime of a token. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JWSAlgorithm algorithm;
    private final JWSSigner signer;
    private final Consumer<JwtBearerBackend.Builder> verifierKey;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;
    private final String type;
    private final String keyId;
    private final Clock clock;

    private JwtIssuer(Builder b) {
        this.algorithm = b.algorithm;
        this.signer = b.signer;
        this.verifierKey = b.verifierKey;
        this.issuer = b.issuer;
        this.audience = b.audience;
        this.lifetime = b.lifetime;
        this.type = b.type;
        this.keyId = b.keyId;
        this.clock = b.clock;
    }

    /** Tokens signed with HMAC-SHA256 under {@code secret} (at least 32 bytes). */
    public static Builder hs256(byte[] secret) {
        JwtBearerBackend.builder().hs256(secret); // the same checks as the verifier's
        byte[] copy = secret.clone();
        try {
            return new Builder(JWSAlgorithm.HS256, new MACSigner(copy), verifier -> verifier.hs256(copy));
        } catch (JOSEException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Tokens signed with RS256 by {@code keys}' private key (at least 2048 bits); {@link #verifier} uses its public key. */
    public static Builder rs256(KeyPair keys) {
        RSAPublicKey publicKey = (RSAPublicKey) Objects.requireNonNull(keys, "keys").getPublic();
        JwtBearerBackend.builder().rs256(publicKey);
        return new Builder(JWSAlgorithm.RS256, new RSASSASigner((RSAPrivateKey) keys.getPrivate()), verifier -> verifier.rs256(publicKey));
    }

    /** Tokens signed with RS256 by {@code privateKey}; without the public key there is no {@link #verifier}. */
    public static Builder rs256(RSAPrivateKey privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (privateKey.getModulus().bitLength() < 2048) {
            throw new IllegalArgumentException("an RS256 key needs at least 2048 bits, was " + privateKey.getModulus().bitLength());
        }
        return new Builder(JWSAlgorithm.RS256, new RSASSASigner(privateKey), null);
    }

    /** Tokens signed with ES256 by {@code keys}' private key (P-256); {@link #verifier} uses its public key. */
    public static Builder es256(KeyPair keys) {
        ECPublicKey publicKey = (ECPublicKey) Objects.requireNonNull(keys, "keys").getPublic();
        JwtBearerBackend.builder().es256(publicKey);
        return new Builder(JWSAlgorithm.ES256, ecSigner((ECPrivateKey) keys.getPrivate()), verifier -> verifier.es256(publicKey));
    }

    /** Tokens signed with ES256 by {@code privateKey} (P-256); without the public key there is no {@link #verifier}. */
    public static Builder es256(ECPrivateKey privateKey) {
        return new Builder(JWSAlgorithm.ES256, ecSigner(privateKey), null);
    }

    private static JWSSigner ecSigner(ECPrivateKey privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (!Curve.P_256.equals(Curve.forECParameterSpec(privateKey.getParams()))) {
            throw new IllegalArgumentException("an ES256 key must be on the P-256 curve");
        }
        try {
            return new ECDSASigner(privateKey);
        } catch (JOSEException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A token for {@code subject} with {@code scopes}, issued now. */
    public String issue(String subject, String... scopes) {
        return issue(subject, Arrays.asList(scopes), claims -> { });
    }

    /**
     * A token for {@code subject} with {@code scopes}, issued now; {@code extra} may add claims
     * (or change the standard ones).
     */
    public String issue(String subject, Collection<String> scopes, Consumer<JWTClaimsSet.Builder> extra) {
        JwtBearerBackend.Builder.nonBlank(subject, "subject");
        Objects.requireNonNull(extra, "extra");
        List<String> scopeList = List.copyOf(scopes);
        for (String scope : scopeList) {
            if (scope.isEmpty() || scope.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a scope must be non-empty without whitespace: \"" + scope + "\"");
            }
        }
        Instant now = clock.instant();
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
            .subject(subject)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(lifetime)))
            .jwtID(Base64.getUrlEncoder().withoutPadding().encodeToString(id))
            .issuer(issuer)
            .audience(audience);
        if (!scopeList.isEmpty()) {
            claims.claim("scope", String.join(" ", scopeList));
        }
        extra.accept(claims);
        JWSHeader.Builder header = new JWSHeader.Builder(algorithm).type(new JOSEObjectType(type)).keyID(keyId);
        SignedJWT jwt = new SignedJWT(header.build(), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with " + algorithm, e);
        }
        return jwt.serialize();
    }

    /** How long a token lasts. */
    public Duration lifetime() {
        return lifetime;
    }

    /**
     * A {@link JwtBearerBackend} builder with this issuer's key, algorithm, issuer, audience and
     * {@code typ} (only that type is accepted), to which more options may be added.
     *
     * @throws IllegalStateException when this issuer was built from a private key alone
     */
    public JwtBearerBackend.Builder verifier() {
        if (verifierKey == null) {
            throw new IllegalStateException("this issuer has no public key: build it from a KeyPair");
        }
        JwtBearerBackend.Builder builder = JwtBearerBackend.builder().allowedTypes(type);
        verifierKey.accept(builder);
        if (issuer != null) {
            builder.issuer(issuer);
        }
        if (audience != null) {
            builder.audience(audience);
        }
        return builder;
    }

    @Override
    public String toString() {
        return "JwtIssuer[" + algorithm + "]";
    }

    /** Options of a {@link JwtIssuer}. */
    public static final class Builder {
        private final JWSAlgorithm algorithm;
        private final JWSSigner signer;
        private final Consumer<JwtBearerBackend.Builder> verifierKey;
        private String issuer;
        private String audience;
        private Duration lifetime = DEFAULT_LIFETIME;
        private String type = "at+jwt";
        private String keyId;
        private Clock clock = Clock.systemUTC();

        private Builder(JWSAlgorithm algorithm, JWSSigner signer, Consumer<JwtBearerBackend.Builder> verifierKey) {
            this.algorithm = algorithm;
            this.signer = signer;
            this.verifierKey = verifierKey;
        }

        /** The {@code iss} claim. Default: none. */
        public Builder issuer(String issuer) {
            this.issuer = JwtBearerBackend.Builder.nonBlank(issuer, "issuer");
            return this;
        }

        /** The {@code aud} claim. Default: none. */
        public Builder audience(String audience) {
            this.audience = JwtBearerBackend.Builder.nonBlank(audience, "audience");
            return this;
        }

        /** How long a token lasts. Default: 15 minutes. */
        public Builder lifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "lifetime");
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("the lifetime must be positive");
            }
            this.lifetime = lifetime;
            return this;
        }

        /** The {@code typ} header. Default: {@code at+jwt} (RFC 9068). */
        public Builder type(String type) {
            this.type = JwtBearerBackend.Builder.nonBlank(type, "type");
            return this;
        }

        /** The {@code kid} header, naming the key in a published JWK set. Default: none. */
        public Builder keyId(String keyId) {
            this.keyId = JwtBearerBackend.Builder.nonBlank(keyId, "keyId");
            return this;
        }

        /** The clock giving {@code iat}. Default: the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The issuer. */
        public JwtIssuer build() {
            return new JwtIssuer(this);
        }
    }
}
