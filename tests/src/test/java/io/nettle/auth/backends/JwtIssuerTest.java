package io.nettle.auth.backends;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.nimbusds.jwt.SignedJWT;
import io.nettle.App;
import io.nettle.testkit.TestClient;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwtIssuerTest {
    static final byte[] SECRET = JwtBearerBackendTest.SECRET;

    @Test
    void issuedTokensCarryTheSettingsAndTheBackendFromTheSameSettingsAcceptsThem() throws Exception {
        JwtIssuer issuer = JwtIssuer.hs256(SECRET).issuer("https://auth.example").audience("api")
            .lifetime(Duration.ofMinutes(15)).keyId("k1").build();
        String token = issuer.issue("tom", "reports:read", "reports:write");
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("k1");
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("tom");
        assertThat(claims.getIssuer()).isEqualTo("https://auth.example");
        assertThat(claims.getAudience()).containsExactly("api");
        assertThat(claims.getStringClaim("scope")).isEqualTo("reports:read reports:write");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(Duration.ofMinutes(15).toMillis());
        assertThat(claims.getJWTID()).hasSize(22).isNotEqualTo(SignedJWT.parse(issuer.issue("tom")).getJWTClaimsSet().getJWTID());

        try (TestClient client = TestClient.of(JwtBearerBackendTest.app(issuer.verifier().maxAge(Duration.ofHours(1)).build()))) {
            assertThat(client.get("/", JwtBearerBackendTest.bearer(token))).hasStatus(200)
                .hasBody("tom [authenticated, reports:read, reports:write]");
            assertThat(client.get("/", JwtBearerBackendTest.bearer(issuer.issue("ann")))).hasStatus(200).hasBody("ann [authenticated]");
            // Another issuer's or audience's tokens, and a JWT-typed token, are refused by this verifier.
            for (JwtIssuer other : List.of(
                    JwtIssuer.hs256(SECRET).issuer("https://evil.example").audience("api").build(),
                    JwtIssuer.hs256(SECRET).issuer("https://auth.example").audience("other").build(),
                    JwtIssuer.hs256(SECRET).issuer("https://auth.example").audience("api").type("JWT").build())) {
                assertThat(client.get("/", JwtBearerBackendTest.bearer(other.issue("tom")))).hasStatus(400);
            }
        }
    }

    @Test
    void anExpiredTokenIsRefused() {
        JwtIssuer past = JwtIssuer.hs256(SECRET).lifetime(Duration.ofMinutes(5))
            .clock(Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC)).build();
        try (TestClient client = TestClient.of(JwtBearerBackendTest.app(past.verifier().build()))) {
            assertThat(client.get("/", JwtBearerBackendTest.bearer(past.issue("tom")))).hasStatus(400);
        }
    }

    @Test
    void rs256AndEs256SignWithThePrivateKey() {
        for (JwtIssuer issuer : List.of(JwtIssuer.rs256(JwtBearerBackendTest.RSA).build(), JwtIssuer.es256(JwtBearerBackendTest.EC).build())) {
            try (TestClient client = TestClient.of(JwtBearerBackendTest.app(issuer.verifier().build()))) {
                assertThat(client.get("/", JwtBearerBackendTest.bearer(issuer.issue("tom", "a")))).hasStatus(200).hasBody("tom [authenticated, a]");
            }
        }
        JwtIssuer privateOnly = JwtIssuer.rs256((RSAPrivateKey) JwtBearerBackendTest.RSA.getPrivate()).build();
        try (TestClient client = TestClient.of(JwtBearerBackendTest.app(
                JwtBearerBackend.builder().rs256((java.security.interfaces.RSAPublicKey) JwtBearerBackendTest.RSA.getPublic()).build()))) {
            assertThat(client.get("/", JwtBearerBackendTest.bearer(privateOnly.issue("tom")))).hasStatus(200);
        }
        assertThatIllegalStateException().isThrownBy(privateOnly::verifier);
        assertThat(JwtIssuer.es256((ECPrivateKey) JwtBearerBackendTest.EC.getPrivate()).build().issue("tom")).isNotEmpty();
    }

    @Test
    void theBuilderChecksEagerly() {
        assertThatIllegalArgumentException().isThrownBy(() -> JwtIssuer.hs256(new byte[31]));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtIssuer.rs256(JwtBearerBackendTest.keyPair("RSA", 1024)));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtIssuer.es256(JwtBearerBackendTest.ecKeyPair("secp384r1")));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtIssuer.hs256(SECRET).lifetime(Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtIssuer.hs256(SECRET).issuer(""));
        JwtIssuer issuer = JwtIssuer.hs256(SECRET).build();
        assertThatIllegalArgumentException().isThrownBy(() -> issuer.issue(" "));
        assertThatIllegalArgumentException().isThrownBy(() -> issuer.issue("tom", "a b"));
    }
}
