package io.nettle.auth.backends;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.nettle.App;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.http.Connection;
import io.nettle.http.Response;
import io.nettle.middleware.SessionMiddleware;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.TestClient;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One rule for {@code authenticated}: every built-in backend's successful result has the scope,
 * whether or not its verifier, keys, mapper or results mapping gave it, so that
 * {@code requires("authenticated")} lets in every user any built-in backend found.
 */
class AuthenticatedScopeTest {

    /** An app answering the scopes of the connection on {@code /scopes}, guarded by {@code authenticated}. */
    static App app(AuthenticationBackend backend) {
        return App.builder()
            .route(Route.get("/scopes", io.nettle.auth.Guard.requires("authenticated",
                Endpoint.sync(request -> Response.text(request.user().displayName() + " " + request.auth().scopes())))))
            .route(Route.get("/login", Endpoint.sync(request -> {
                SessionBackend.login(request.session(), "tom", "notes");
                return Response.text("in");
            })))
            .middleware(SessionMiddleware.builder().secretKey("a-32-byte-or-longer-session-signing-key").build(),
                new AuthenticationMiddleware(backend))
            .build();
    }

    @Test
    void basicResultsHaveIt() {
        BasicAuthBackend basic = new BasicAuthBackend(BasicAuthBackend.Verifier.passwords(Map.of("tom", "secret"),
            user -> AuthResult.user(user, "notes")));
        try (TestClient client = TestClient.of(app(basic))) {
            String credentials = Base64.getEncoder().encodeToString("tom:secret".getBytes(StandardCharsets.UTF_8));
            assertThat(client.get("/scopes", Map.of("Authorization", "Basic " + credentials))).hasStatus(200)
                .hasBody("tom [authenticated, notes]");
        }
    }

    @Test
    void apiKeyResultsHaveIt() {
        ApiKeyBackend keys = ApiKeyBackend.builder().key("k1", AuthResult.user("svc", "reports"))
            .key("k2", AuthResult.user("both", "reports", "authenticated")).build();
        try (TestClient client = TestClient.of(app(keys))) {
            assertThat(client.get("/scopes", Map.of("X-API-Key", "k1"))).hasStatus(200).hasBody("svc [authenticated, reports]");
            assertThat(client.get("/scopes", Map.of("X-API-Key", "k2"))).as("never twice").hasStatus(200)
                .hasBody("both [reports, authenticated]");
        }
    }

    @Test
    void jwtResultsHaveItWithTheirOwnMappingToo() {
        JwtBearerBackend mapped = JwtBearerBackend.builder().hs256(JwtBearerBackendTest.SECRET)
            .results(claims -> AuthResult.user(claims.getSubject(), JwtBearerBackend.scopes(claims).toArray(String[]::new))).build();
        JwtBearerBackend plain = JwtBearerBackend.builder().hs256(JwtBearerBackendTest.SECRET).build();
        String token = JwtBearerBackendTest.hs256(claims -> claims);
        for (JwtBearerBackend backend : List.of(plain, mapped)) {
            try (TestClient client = TestClient.of(app(backend))) {
                assertThat(client.get("/scopes", JwtBearerBackendTest.bearer(token))).hasStatus(200)
                    .hasBody("alice [authenticated, read, write]");
            }
        }
    }

    @Test
    void sessionResultsHaveIt() {
        try (TestClient client = TestClient.of(app(new SessionBackend()))) {
            assertThat(client.get("/login")).hasStatus(200);
            assertThat(client.get("/scopes")).as("login(...) without authenticated").hasStatus(200).hasBody("tom [authenticated, notes]");
        }
        try (TestClient client = TestClient.of(app(new SessionBackend(session -> Optional.of(AuthResult.user("mapped")))))) {
            assertThat(client.get("/scopes")).hasStatus(200).hasBody("mapped [authenticated]");
        }
    }

    @Test
    void clientCertificateResultsHaveIt() throws Exception {
        X509Bundle root = new CertificateBuilder().subject("CN=Root").setIsCertificateAuthority(true).ecp256().buildSelfSigned();
        X509Bundle leaf = new CertificateBuilder().subject("CN=reporter").ecp256().buildIssuedBy(root);
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
                if (method.getName().equals("clientCertificates")) {
                    return List.<X509Certificate>of(leaf.getCertificate());
                }
                throw new UnsupportedOperationException(method.getName());
            });
        AuthResult mapped = new ClientCertificateBackend(cert -> Optional.of(AuthResult.user("svc", "reports")))
            .authenticate(connection).toCompletableFuture().join().orElseThrow();
        assertThat(mapped.credentials().scopes()).containsExactly("authenticated", "reports");
        AuthResult byName = ClientCertificateBackend.byCommonName("reports").authenticate(connection).toCompletableFuture().join().orElseThrow();
        assertThat(byName.user().displayName()).isEqualTo("reporter");
        assertThat(byName.credentials().scopes()).containsExactly("authenticated", "reports");
    }

    @Test
    void withAuthenticatedAddsTheScopeFirstAndOnce() {
        AuthResult result = AuthResult.user("tom", "notes");
        assertThat(result.withAuthenticated().credentials().scopes()).containsExactly("authenticated", "notes");
        AuthResult already = AuthResult.user("tom", "notes", AuthResult.AUTHENTICATED);
        assertThat(already.withAuthenticated()).isSameAs(already);
        assertThat(AuthResult.user("custom").credentials().has("authenticated")).as("a result of your own is not changed").isFalse();
    }
}
