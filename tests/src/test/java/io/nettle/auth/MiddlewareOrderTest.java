package io.nettle.auth;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.nettle.App;
import io.nettle.auth.backends.SessionBackend;
import io.nettle.http.Response;
import io.nettle.middleware.SessionMiddleware;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Mount;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import org.junit.jupiter.api.Test;

/** Middleware installed in an order that cannot work fails {@code build()}, naming the fix. */
@OnEveryProtocol
class MiddlewareOrderTest {
    private final Wire wire;

    MiddlewareOrderTest(Wire wire) {
        this.wire = wire;
    }

    private static final byte[] KEY = "a-test-key-of-at-least-32-bytes!!".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final Route HOME = Route.get("/", Endpoint.sync(r -> Response.text(r.user().displayName())));

    private static SessionMiddleware sessions() {
        return SessionMiddleware.builder().secretKey(KEY).build();
    }

    @Test
    void aSessionBackendBeforeSessionMiddlewareFailsTheBuildNamingTheFix() {
        assertThatIllegalStateException()
            .isThrownBy(() -> App.builder().route(HOME)
                .middleware(new AuthenticationMiddleware(new SessionBackend()), sessions()).build())
            .withMessageContaining("no SessionMiddleware runs before this AuthenticationMiddleware")
            .withMessageContaining("install it first");
    }

    @Test
    void aSessionBackendWithoutSessionMiddlewareFailsTooAlsoInsideAChain() {
        assertThatIllegalStateException()
            .isThrownBy(() -> App.builder().route(HOME)
                .middleware(new AuthenticationMiddleware(AuthenticationBackend.chain(TestBackends.HEADERS, new SessionBackend())))
                .build())
            .withMessageContaining("SessionBackend reads the session that SessionMiddleware loads");
    }

    @Test
    void aMountsMiddlewareIsCheckedBehindTheAppsMiddleware() {
        App app = App.builder()
            .middleware(sessions())
            .route(Mount.of("/area", HOME).middleware(new AuthenticationMiddleware(new SessionBackend())))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/area/")).hasStatus(200);
        }
        assertThatIllegalStateException()
            .isThrownBy(() -> App.builder()
                .route(Mount.of("/area", HOME).middleware(new AuthenticationMiddleware(new SessionBackend()), sessions()))
                .build());
    }

    @Test
    void theRightOrderBuildsAndServes() {
        App app = App.builder().route(HOME).middleware(sessions(), new AuthenticationMiddleware(new SessionBackend())).build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/")).hasStatus(200).hasBody("");
        }
    }
}
