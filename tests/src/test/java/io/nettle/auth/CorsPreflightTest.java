package io.nettle.auth;

import static io.nettle.auth.Guard.requires;
import static io.nettle.auth.TestBackends.HEADERS;
import static io.nettle.auth.TestBackends.WHOAMI;
import static io.nettle.auth.TestBackends.as;
import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.App;
import io.nettle.middleware.CorsMiddleware;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CORS preflights and authentication: a guard treats a preflight like any request (browsers
 * send preflights without credentials), so a CORS middleware placed before the
 * AuthenticationMiddleware must answer them, as {@link CorsMiddleware} does. Its own rules are
 * tested in {@code io.nettle.middleware.CorsMiddlewareTest}.
 */
@OnEveryProtocol
class CorsPreflightTest {
    private final Wire wire;

    CorsPreflightTest(Wire wire) {
        this.wire = wire;
    }

    static final CorsMiddleware CORS = CorsMiddleware.builder().allowOrigins("https://app.example").allowHeaders("X-User").build();

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
                .hasStatus(200).hasHeader("Access-Control-Allow-Methods", "GET")
                .hasHeader("Access-Control-Allow-Origin", "https://app.example");
            assertThat(client.get("/data", Map.of("Origin", "https://app.example")))
                .hasStatus(403).hasHeader("Access-Control-Allow-Origin", "https://app.example");
            Map<String, String> tom = new HashMap<>(as("tom", ""));
            tom.put("Origin", "https://app.example");
            assertThat(client.get("/data", tom)).hasStatus(200).hasHeader("Access-Control-Allow-Origin", "https://app.example");
        }
    }
}
