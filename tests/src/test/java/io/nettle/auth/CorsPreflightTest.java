package io.nettle.auth;

import static io.nettle.auth.Guard.requires;
import static io.nettle.auth.TestBackends.HEADERS;
import static io.nettle.auth.TestBackends.WHOAMI;
import static io.nettle.auth.TestBackends.as;
import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.App;
import io.nettle.http.Response;
import io.nettle.middleware.Middleware;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * CORS preflights and authentication: a guard treats a preflight like any request (browsers
 * send preflights without credentials), so a CORS middleware placed before the
 * AuthenticationMiddleware must answer them.
 */
@OnEveryProtocol
class CorsPreflightTest {
    private final Wire wire;

    CorsPreflightTest(Wire wire) {
        this.wire = wire;
    }

    /** A tiny CORS middleware: answers preflights itself, marks the other responses. */
    static final Middleware CORS = (request, next) -> {
        if (request.method().equals("OPTIONS") && request.header("Access-Control-Request-Method").isPresent()) {
            return CompletableFuture.completedFuture(Response.status(204)
                .withHeader("Access-Control-Allow-Origin", "https://app.example")
                .withHeader("Access-Control-Allow-Methods", "GET, OPTIONS")
                .withHeader("Access-Control-Allow-Headers", "X-User"));
        }
        return next.handle(request).thenApply(response -> response.withHeader("Access-Control-Allow-Origin", "https://app.example"));
    };

    static App app(boolean withCors) {
        App.Builder builder = App.builder()
            .route(Route.of("/data", requires("authenticated", WHOAMI), "GET", "OPTIONS"));
        if (withCors) {
            builder.middleware(CORS);
        }
        return builder.middleware(new AuthenticationMiddleware(HEADERS)).build();
    }

    @Test
    void withoutCorsMiddlewareTheGuardAppliesToAPreflightLikeToAnyRequest() {
        try (TestClient client = TestClient.of(app(false), wire)) {
            assertThat(client.request("OPTIONS", "/data")
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "GET").send())
                .hasStatus(403);
        }
    }

    @Test
    void aCorsMiddlewareBeforeAuthenticationAnswersThePreflightAndTheGuardStillAppliesToTheRequest() {
        try (TestClient client = TestClient.of(app(true), wire)) {
            assertThat(client.request("OPTIONS", "/data")
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "GET").send())
                .hasStatus(204).hasHeader("Access-Control-Allow-Methods", "GET, OPTIONS");
            assertThat(client.get("/data")).hasStatus(403).hasHeader("Access-Control-Allow-Origin", "https://app.example");
            assertThat(client.get("/data", as("tom", ""))).hasStatus(200).hasHeader("Access-Control-Allow-Origin", "https://app.example");
        }
    }
}
