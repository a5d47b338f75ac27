package io.nettle.auth.backends;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testing.TestCertificates;
import io.nettle.testkit.TestClient;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JWKS from a file and from an HTTPS URL (a Nettle server with a test CA), with rotation, rate limit and outage. */
class JwksTest {
    private static final TestCertificates CA = TestCertificates.authority("JWKS test CA");
    private static final KeyPair RSA1 = JwtBearerBackendTest.keyPair("RSA", 2048);
    private static final KeyPair RSA2 = JwtBearerBackendTest.keyPair("RSA", 2048);
    private static final KeyPair EC1 = JwtBearerBackendTest.ecKeyPair("secp256r1");

    @TempDir
    Path dir;

    private final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(List.of(rsa(RSA1, "k1"), ec(EC1, "e1"))));
    private final AtomicInteger fetches = new AtomicInteger();
    private Server jwksServer;
    private URI jwksUrl;
    private SSLContext trusting;

    static JWK rsa(KeyPair keys, String kid) {
        return new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID(kid).build();
    }

    static JWK ec(KeyPair keys, String kid) {
        return new ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256, (ECPublicKey) keys.getPublic()).keyID(kid).build();
    }

    static String token(KeyPair keys, String kid) {
        JwtIssuer.Builder issuer = keys.getPublic() instanceof RSAPublicKey ? JwtIssuer.rs256(keys) : JwtIssuer.es256(keys);
        return issuer.keyId(kid).build().issue("alice", "read");
    }

    @BeforeEach
    void startJwksServer() throws Exception {
        App app = App.builder()
            .settings(ServerSettings.builder().tls(TestCertificates.pemFiles(CA.serverCertificate("localhost"), dir, "jwks")).build())
            .route(Route.get("/.well-known/jwks.json", Endpoint.sync(request -> {
                fetches.incrementAndGet();
                return Response.text(published.get().toString()).withHeader("Content-Type", "application/jwk-set+json");
            })))
            .build();
        jwksServer = app.serve("127.0.0.1", 0);
        jwksUrl = URI.create("https://127.0.0.1:" + jwksServer.port() + "/.well-known/jwks.json");
        trusting = CA.trustingContext();
    }

    @AfterEach
    void stopJwksServer() {
        if (jwksServer != null) {
            jwksServer.close();
        }
    }

    private JwtBearerBackend.Builder remote() {
        return JwtBearerBackend.builder().jwks(jwksUrl).jwksTls(trusting);
    }

    private static void assertAccepted(TestClient client, String token) {
        assertThat(client.get("/", JwtBearerBackendTest.bearer(token))).hasStatus(200).hasBody("alice [authenticated, read]");
    }

    private static void assertRefused(TestClient client, String token) {
        assertThat(client.get("/", JwtBearerBackendTest.bearer(token))).hasStatus(400).hasBody("Invalid bearer token");
    }

    @Test
    void aTokenWithAKnownKidVerifiesAndTheSetIsFetchedOnce() {
        try (TestClient client = TestClient.of(JwtBearerBackendTest.app(remote().build()))) {
            assertThat(fetches).hasValue(0);
            assertAccepted(client, token(RSA1, "k1"));
            assertAccepted(client, token(EC1, "e1"));
            assertAccepted(client, token(RSA1, "k1"));
            assertThat(fetches).hasValue(1);
            // The right kid with a key that is not the published one, or the wrong algorithm for the key.
            assertRefused(client, token(RSA2, "k1"));
            assertRefused(client, JwtBearerBackendTest.hs256(c -> c));
        }
    }

    @Test
    void aNewKidAfterRotationFetchesTheSetAgain() throws Exception {
        try (TestClient client = TestClient.of(JwtBearerBackendTest.app(remote().jwksRefreshLimit(Duration.ofMillis(300)).build()))) {
            assertAccepted(client, token(RSA1, "k1"));
            published.set(new JWKSet(List.of(rsa(RSA2, "k2"))));
            Thread.sleep(400);
            assertAccepted(client, token(RSA2, "k2"));
            assertThat(fetches).hasValue(2);
            assertAccepted(client, token(RSA2, "k2"));
            assertThat(fetches).hasValue(2);
        }
    }

    @Test
    void aFloodOfUnknownKidsFetchesAtMostOncePerWindow() {
        try (TestClient client = TestClient.of(JwtBearerBackendTest.app(remote().build()))) {
            assertAccepted(client, token(RSA1, "k1"));
            assertThat(fetches).hasValue(1);
            // Nimbus's rate limiter allows two fetches per window: the first one, and one refresh.
            for (int i = 0; i < 30; i++) {
                assertRefused(client, token(RSA2, "unknown-" + i));
            }
            assertThat(fetches).as("fetches of the JWKS").hasValue(2);
            for (int i = 0; i < 30; i++) {
                assertRefused(client, token(RSA2, "unknown-again-" + i));
            }
            assertAccepted(client, token(RSA1, "k1"));
            assertThat(fetches).as("fetches of the JWKS").hasValue(2);
        }
    }

    @Test
    void anUnreachableJwksRefusesTokensQuickly() {
        jwksServer.close();
        jwksServer = null;
        try (TestClient client = TestClient.of(JwtBearerBackendTest.app(remote().build()))) {
            long start = System.nanoTime();
            assertRefused(client, token(RSA1, "k1"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void anUntrustedCertificateRefusesTokens() {
        try (TestClient client = TestClient.of(JwtBearerBackendTest.app(JwtBearerBackend.builder().jwks(jwksUrl).build()))) {
            assertRefused(client, token(RSA1, "k1"));
        }
        assertThat(fetches).hasValue(0);
    }

    @Test
    void theKeysMayComeFromAFileReadOnce() throws Exception {
        Path file = Files.writeString(dir.resolve("jwks.json"), published.get().toString());
        AuthenticationBackend backend = JwtBearerBackend.builder().jwks(file).build();
        Files.writeString(file, new JWKSet(List.of(rsa(RSA2, "k1"))).toString());
        try (TestClient client = TestClient.of(JwtBearerBackendTest.app(backend))) {
            assertAccepted(client, token(RSA1, "k1"));
            assertAccepted(client, token(EC1, "e1"));
            assertRefused(client, token(RSA2, "k1"));
            assertRefused(client, token(RSA1, "k9"));
        }
        App esOnly = JwtBearerBackendTest.app(JwtBearerBackend.builder().jwks(file).jwksAlgorithms("ES256").build());
        try (TestClient client = TestClient.of(esOnly)) {
            assertRefused(client, token(RSA2, "k1"));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JwtBearerBackend.builder().jwks(dir.resolve("missing.json")))
            .isInstanceOf(UncheckedIOException.class);
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"keys\": 42}");
        assertThatIllegalArgumentException().isThrownBy(() -> JwtBearerBackend.builder().jwks(bad));
    }

    @Test
    void theRefreshLimitMustBeShorterThanTheCache() {
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
            .isThrownBy(() -> remote().jwksCache(Duration.ofSeconds(10)).build()).withMessageContaining("refresh limit");
        assertThat(remote().jwksCache(Duration.ofSeconds(2)).jwksRefreshLimit(Duration.ofSeconds(1)).build()).isNotNull();
    }
}
