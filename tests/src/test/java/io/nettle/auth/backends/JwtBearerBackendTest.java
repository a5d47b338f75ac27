package io.nettle.auth.backends;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

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
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.nettle.App;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

@OnEveryProtocol
class JwtBearerBackendTest {
    private final Wire wire;

    JwtBearerBackendTest(Wire wire) {
        this.wire = wire;
    }

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final String ISSUER = "https://auth.example";
    static final String AUDIENCE = "nettle-api";
    static final KeyPair RSA = keyPair("RSA", 2048);
    static final KeyPair EC = ecKeyPair("secp256r1");

    static final App HS256_APP = app(JwtBearerBackend.builder().hs256(SECRET).issuer(ISSUER).audience(AUDIENCE).build());

    static App app(AuthenticationBackend backend) {
        return App.builder()
            .route(Route.get("/", Endpoint.sync(request -> Response.text(request.user().isAuthenticated()
                ? request.user().displayName() + " " + request.auth().scopes() : "anonymous"))))
            .middleware(new AuthenticationMiddleware(backend))
            .build();
    }

    static KeyPair keyPair(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ecKeyPair(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Valid claims: alice, our issuer and audience, expiring in five minutes, scopes "read write". */
    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("alice").issuer(ISSUER).audience(AUDIENCE)
            .expirationTime(Date.from(Instant.now().plusSeconds(300))).claim("scope", "read write");
    }

    static String sign(JWSAlgorithm algorithm, JWSSigner signer, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hs256Typed(String type, UnaryOperator<JWTClaimsSet.Builder> change) {
        try {
            JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.HS256);
            if (type != null) {
                header.type(new JOSEObjectType(type));
            }
            SignedJWT jwt = new SignedJWT(header.build(), change.apply(claims()).build());
            jwt.sign(new MACSigner(SECRET));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hs256(UnaryOperator<JWTClaimsSet.Builder> change) {
        try {
            return sign(JWSAlgorithm.HS256, new MACSigner(SECRET), change.apply(claims()).build());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private void assertRefused(App app, String token) {
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/", bearer(token))).hasStatus(400).hasBody("Invalid bearer token");
        }
    }

    @Test
    void aValidTokenAuthenticatesItsSubjectWithItsScopes() {
        try (TestClient client = TestClient.of(HS256_APP, wire)) {
            assertThat(client.get("/", bearer(hs256(c -> c)))).hasStatus(200).hasBody("alice [authenticated, read, write]");
            assertThat(client.get("/", Map.of("Authorization", "bearer   " + hs256(c -> c)))).hasStatus(200);
        }
    }

    @Test
    void scopesMayBeAnArray() {
        try (TestClient client = TestClient.of(HS256_APP, wire)) {
            assertThat(client.get("/", bearer(hs256(c -> c.claim("scope", null).claim("scopes", List.of("admin", "read"))))))
                .hasStatus(200).hasBody("alice [authenticated, admin, read]");
            assertThat(client.get("/", bearer(hs256(c -> c.claim("scope", null))))).hasStatus(200).hasBody("alice [authenticated]");
        }
        assertRefused(HS256_APP, hs256(c -> c.claim("scope", 42)));
    }

    @Test
    void noTokenOrAnotherSchemeIsAnonymous() {
        try (TestClient client = TestClient.of(HS256_APP, wire)) {
            assertThat(client.get("/")).hasStatus(200).hasBody("anonymous");
            assertThat(client.get("/", Map.of("Authorization", "Basic dG9tOnNlY3JldA=="))).hasStatus(200).hasBody("anonymous");
            assertThat(client.get("/", Map.of("Authorization", "Digest username=\"tom\", realm=\"x\""))).hasStatus(200).hasBody("anonymous");
        }
    }

    @Test
    void aMalformedBearerValueIsRefused() {
        try (TestClient client = TestClient.of(HS256_APP, wire)) {
            assertThat(client.get("/", Map.of("Authorization", "Bearer"))).hasStatus(400).hasBody("Invalid bearer token");
            assertThat(client.get("/", Map.of("Authorization", "Bearer a b"))).hasStatus(400);
            assertThat(client.get("/", bearer("not-a-jwt"))).hasStatus(400).hasBody("Invalid bearer token");
        }
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() throws Exception {
        byte[] other = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff".getBytes(StandardCharsets.US_ASCII);
        assertRefused(HS256_APP, sign(JWSAlgorithm.HS256, new MACSigner(other), claims().build()));
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = hs256(c -> c);
        String[] parts = token.split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
            claims().subject("admin").build().toString().getBytes(StandardCharsets.UTF_8));
        assertRefused(HS256_APP, parts[0] + "." + forged + "." + parts[2]);
        char last = parts[2].charAt(parts[2].length() - 2);
        assertRefused(HS256_APP, parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
            + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1));
    }

    @Test
    void anExpiredTokenIsRefusedBeyondTheClockSkew() {
        assertRefused(HS256_APP, hs256(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120)))));
        try (TestClient client = TestClient.of(HS256_APP, wire)) {
            assertThat(client.get("/", bearer(hs256(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(30)))))))
                .hasStatus(200);
        }
        App strict = app(JwtBearerBackend.builder().hs256(SECRET).clockSkew(Duration.ZERO).build());
        assertRefused(strict, hs256(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(30)))));
    }

    @Test
    void aTokenWithoutExpiryOrSubjectIsRefused() {
        assertRefused(HS256_APP, hs256(c -> c.expirationTime(null)));
        assertRefused(HS256_APP, hs256(c -> c.subject(null)));
    }

    @Test
    void aTokenNotYetValidIsRefused() {
        assertRefused(HS256_APP, hs256(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(300)))));
        try (TestClient client = TestClient.of(HS256_APP, wire)) {
            assertThat(client.get("/", bearer(hs256(c -> c.notBeforeTime(Date.from(Instant.now().minusSeconds(5)))))))
                .hasStatus(200);
        }
    }

    @Test
    void aTokenForAnotherIssuerOrAudienceIsRefused() {
        assertRefused(HS256_APP, hs256(c -> c.issuer("https://evil.example")));
        assertRefused(HS256_APP, hs256(c -> c.issuer(null)));
        assertRefused(HS256_APP, hs256(c -> c.audience("another-api")));
        assertRefused(HS256_APP, hs256(c -> c.audience((String) null)));
        try (TestClient client = TestClient.of(HS256_APP, wire)) {
            assertThat(client.get("/", bearer(hs256(c -> c.audience(List.of("another-api", AUDIENCE)))))).hasStatus(200);
        }
    }

    @Test
    void anUnsignedTokenIsRefused() {
        assertRefused(HS256_APP, new PlainJWT(claims().build()).serialize());
        String[] signed = hs256(c -> c).split("\\.");
        String noneHeader = Base64.getUrlEncoder().withoutPadding()
            .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        assertRefused(HS256_APP, noneHeader + "." + signed[1] + ".");
        assertRefused(HS256_APP, noneHeader + "." + signed[1] + "." + signed[2]);
    }

    @Test
    void anotherAlgorithmThanThePinnedOneIsRefused() throws Exception {
        assertRefused(HS256_APP, sign(JWSAlgorithm.HS512, new MACSigner(SECRET), claims().build()));
        assertRefused(HS256_APP, sign(JWSAlgorithm.RS256, new RSASSASigner(RSA.getPrivate()), claims().build()));
        App rs256 = app(JwtBearerBackend.builder().rs256((RSAPublicKey) RSA.getPublic()).build());
        // The classic confusion: an HMAC token keyed with the bytes of the RSA public key.
        byte[] publicKeyBytes = RSA.getPublic().getEncoded();
        assertRefused(rs256, sign(JWSAlgorithm.HS256, new MACSigner(publicKeyBytes), claims().build()));
    }

    @Test
    void rs256AndEs256VerifyWithThePublicKey() throws Exception {
        App rs256 = app(JwtBearerBackend.builder().rs256((RSAPublicKey) RSA.getPublic()).build());
        App es256 = app(JwtBearerBackend.builder().es256((ECPublicKey) EC.getPublic()).build());
        try (TestClient client = TestClient.of(rs256, wire)) {
            assertThat(client.get("/", bearer(sign(JWSAlgorithm.RS256, new RSASSASigner(RSA.getPrivate()), claims().build()))))
                .hasStatus(200).hasBody("alice [authenticated, read, write]");
        }
        try (TestClient client = TestClient.of(es256, wire)) {
            assertThat(client.get("/", bearer(sign(JWSAlgorithm.ES256, new ECDSASigner(EC.getPrivate(), Curve.P_256),
                claims().build())))).hasStatus(200).hasBody("alice [authenticated, read, write]");
        }
        KeyPair otherEc = ecKeyPair("secp256r1");
        assertRefused(es256, sign(JWSAlgorithm.ES256, new ECDSASigner(otherEc.getPrivate(), Curve.P_256), claims().build()));
    }

    @Test
    void aCustomMapperMakesTheResult() {
        App app = app(JwtBearerBackend.builder().hs256(SECRET)
            .results(claims -> AuthResult.user("user:" + claims.getSubject(), JwtBearerBackend.scopes(claims).toArray(String[]::new)))
            .build());
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/", bearer(hs256(c -> c)))).hasStatus(200).hasBody("user:alice [authenticated, read, write]");
        }
    }

    @Test
    void theErrorNeverContainsTheToken() {
        String token = hs256(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(3600))));
        try (TestClient client = TestClient.of(HS256_APP, wire)) {
            String body = client.get("/", bearer(token)).text();
            assertThat(body).isEqualTo("Invalid bearer token").doesNotContain(token.substring(0, 10));
        }
    }

    @Test
    void theTypesAcceptedByDefaultAreNoneJwtAndAccessTokens() {
        try (TestClient client = TestClient.of(HS256_APP, wire)) {
            for (String type : new String[] {null, "JWT", "jwt", "at+jwt", "AT+JWT", "application/at+jwt", "application/JWT"}) {
                assertThat(client.get("/", bearer(hs256Typed(type, c -> c)))).as("typ %s", type).hasStatus(200);
            }
        }
        for (String type : new String[] {"JOSE", "secevent+jwt", "logout+jwt", "dpop+jwt", "application/jose", "text/jwt", ""}) {
            assertRefused(HS256_APP, hs256Typed(type, c -> c));
        }
    }

    @Test
    void allowedTypesReplacesTheDefault() {
        App accessTokensOnly = app(JwtBearerBackend.builder().hs256(SECRET).allowedTypes("at+jwt").build());
        try (TestClient client = TestClient.of(accessTokensOnly, wire)) {
            assertThat(client.get("/", bearer(hs256Typed("application/AT+JWT", c -> c)))).hasStatus(200);
        }
        assertRefused(accessTokensOnly, hs256Typed(null, c -> c));
        assertRefused(accessTokensOnly, hs256Typed("JWT", c -> c));
        App orNone = app(JwtBearerBackend.builder().hs256(SECRET).allowedTypes("at+jwt", JwtBearerBackend.NO_TYPE).build());
        try (TestClient client = TestClient.of(orNone, wire)) {
            assertThat(client.get("/", bearer(hs256Typed(null, c -> c)))).hasStatus(200);
        }
        assertRefused(orNone, hs256Typed("JWT", c -> c));
    }

    @Test
    void maxAgeRequiresIatAndRefusesOldOrFutureTokens() {
        App app = app(JwtBearerBackend.builder().hs256(SECRET).maxAge(Duration.ofMinutes(10)).build());
        Instant now = Instant.now();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/", bearer(hs256(c -> c.issueTime(Date.from(now)))))).hasStatus(200);
            // Within the 60 s skew on either side.
            assertThat(client.get("/", bearer(hs256(c -> c.issueTime(Date.from(now.minusSeconds(630))))))).hasStatus(200);
            assertThat(client.get("/", bearer(hs256(c -> c.issueTime(Date.from(now.plusSeconds(30))))))).hasStatus(200);
        }
        assertRefused(app, hs256(c -> c));
        assertRefused(app, hs256(c -> c.issueTime(Date.from(now.minusSeconds(700)))));
        assertRefused(app, hs256(c -> c.issueTime(Date.from(now.plusSeconds(120)))));
        // Without maxAge, iat is neither required nor bounded.
        try (TestClient client = TestClient.of(HS256_APP, wire)) {
            assertThat(client.get("/", bearer(hs256(c -> c.issueTime(Date.from(now.minus(Duration.ofDays(30)))))))).hasStatus(200);
        }
    }

    @Test
    void theBuilderChecksEagerly() {
        assertThatNullPointerException().isThrownBy(() -> JwtBearerBackend.builder().hs256(null));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtBearerBackend.builder().hs256(new byte[31]));
        assertThatIllegalStateException().isThrownBy(() -> JwtBearerBackend.builder().build());
        assertThatIllegalStateException().isThrownBy(() -> JwtBearerBackend.builder().hs256(SECRET).rs256((RSAPublicKey) RSA.getPublic()));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtBearerBackend.builder().rs256((RSAPublicKey) keyPair("RSA", 1024).getPublic()));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtBearerBackend.builder().es256((ECPublicKey) ecKeyPair("secp384r1").getPublic()));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtBearerBackend.builder().issuer(" "));
        assertThatNullPointerException().isThrownBy(() -> JwtBearerBackend.builder().audience(null));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtBearerBackend.builder().clockSkew(Duration.ofSeconds(-1)));
        assertThatNullPointerException().isThrownBy(() -> JwtBearerBackend.builder().results(null));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtBearerBackend.builder().allowedTypes());
        assertThatNullPointerException().isThrownBy(() -> JwtBearerBackend.builder().allowedTypes((String) null));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtBearerBackend.builder().maxAge(Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtBearerBackend.builder().jwksAlgorithms("HS256"));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtBearerBackend.builder().jwks(java.net.URI.create("file:///etc/jwks.json")));
        assertThatIllegalStateException().isThrownBy(() -> JwtBearerBackend.builder().hs256(SECRET).jwks(java.net.URI.create("https://idp.example/jwks")));
    }
}
