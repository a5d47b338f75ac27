package io.nettle.auth;

import static io.nettle.auth.Guard.requires;
import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.App;
import io.nettle.auth.backends.BasicAuthBackend;
import io.nettle.auth.backends.BasicCredentials;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The BasicAuth example of Starlette's authentication guide, translated. */
@OnEveryProtocol
class BasicAuthGuideTest {
    private final Wire wire;

    BasicAuthGuideTest(Wire wire) {
        this.wire = wire;
    }

    /** Like the guide's BasicAuthBackend: any username is accepted ("you'd want to verify the password here"). */
    static final AuthenticationBackend GUIDE_BACKEND = AuthenticationBackend.sync(connection -> {
        Optional<String> auth = connection.header("Authorization");
        if (auth.isEmpty()) {
            return Optional.empty();
        }
        return BasicCredentials.parse(auth.get()).map(c -> AuthResult.user(c.username(), "authenticated"));
    });

    static final App APP = App.builder()
        .route(Route.get("/", Endpoint.sync(request -> request.user().isAuthenticated()
            ? Response.text("Hello, " + request.user().displayName())
            : Response.text("Hello, you"))))
        .route(Route.get("/dashboard", requires("authenticated", Endpoint.sync(request -> Response.text("dashboard")))))
        .middleware(new AuthenticationMiddleware(GUIDE_BACKEND))
        .build();

    static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void greetsTheAuthenticatedUserByName() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/", Map.of("Authorization", basic("tom:secret")))).hasStatus(200).hasBody("Hello, tom");
        }
    }

    @Test
    void greetsAnAnonymousVisitor() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/")).hasStatus(200).hasBody("Hello, you");
            assertThat(client.get("/", Map.of("Authorization", "Bearer abc"))).hasStatus(200).hasBody("Hello, you");
        }
    }

    @Test
    void malformedCredentialsAreA400WithTheBackendsMessage() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/", Map.of("Authorization", "Basic !!!")))
                .hasStatus(400).hasContentType("text/plain").hasBody(BasicAuthBackend.INVALID);
            assertThat(client.get("/", Map.of("Authorization", "Basic"))).hasStatus(400);
            assertThat(client.get("/", Map.of("Authorization", "Basic a b"))).hasStatus(400);
        }
    }

    @Test
    void requiresAnswers403ToAnonymousAndServesTheAuthenticated() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/dashboard")).hasStatus(403).hasBody("Forbidden");
            assertThat(client.get("/dashboard", Map.of("Authorization", basic("tom:secret")))).hasStatus(200).hasBody("dashboard");
        }
    }
}
