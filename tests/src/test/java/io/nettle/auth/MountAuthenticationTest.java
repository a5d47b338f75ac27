package io.nettle.auth;

import static io.nettle.auth.Guard.requires;
import static io.nettle.auth.TestBackends.HEADERS;
import static io.nettle.auth.TestBackends.WHOAMI;
import static io.nettle.auth.TestBackends.as;
import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.auth.backends.ApiKeyBackend;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Mount;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A mount with its own AuthenticationMiddleware: one prefix, another backend. */
@OnEveryProtocol
class MountAuthenticationTest {
    private final Wire wire;

    MountAuthenticationTest(Wire wire) {
        this.wire = wire;
    }

    static final AtomicInteger API_AUTHENTICATIONS = new AtomicInteger();

    static final ApiKeyBackend KEYS = ApiKeyBackend.builder()
        .key("k-123", AuthResult.user("reports-bot", "authenticated", "reports"))
        .build();
    static final AuthenticationBackend API_KEYS = connection -> {
        API_AUTHENTICATIONS.incrementAndGet();
        return KEYS.authenticate(connection);
    };

    static final App APP = App.builder()
        .route(Route.get("/", Endpoint.sync(request -> Response.text("public"))))
        .route(Mount.of("/web", Route.get("/me", requires("authenticated", WHOAMI)))
            .middleware(new AuthenticationMiddleware(HEADERS)))
        .route(Mount.of("/api", Route.get("/me", requires("reports", WHOAMI)))
            .middleware(new AuthenticationMiddleware(API_KEYS)))
        .build();

    @Test
    void eachPrefixAuthenticatesWithItsOwnBackend() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/web/me", as("tom", ""))).hasStatus(200)
                .hasJsonBody("{\"authenticated\":true,\"user\":\"tom\",\"scopes\":[\"authenticated\"]}");
            assertThat(client.get("/api/me", Map.of("X-API-Key", "k-123"))).hasStatus(200)
                .hasJsonBody("{\"authenticated\":true,\"user\":\"reports-bot\",\"scopes\":[\"authenticated\",\"reports\"]}");
        }
    }

    @Test
    void theOtherPrefixesCredentialsMeanNothingHere() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/api/me", as("tom", "reports"))).hasStatus(403);
            assertThat(client.get("/web/me", Map.of("X-API-Key", "k-123"))).hasStatus(403);
            assertThat(client.get("/api/me", Map.of("X-API-Key", "wrong"))).hasStatus(400).hasBody(ApiKeyBackend.INVALID);
        }
    }

    @Test
    void unknownPathsStay404WithoutRunningTheBackend() {
        try (TestClient client = TestClient.of(APP, wire)) {
            int before = API_AUTHENTICATIONS.get();
            assertThat(client.get("/api/nothing-here", Map.of("X-API-Key", "wrong"))).hasStatus(404);
            assertThat(client.get("/api/nothing-here")).hasStatus(404);
            assertThat(API_AUTHENTICATIONS).hasValue(before);
            assertThat(client.get("/")).hasStatus(200).hasBody("public");
        }
    }
}
