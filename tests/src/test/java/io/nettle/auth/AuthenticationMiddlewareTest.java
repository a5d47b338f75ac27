package io.nettle.auth;

import static io.nettle.auth.TestBackends.HEADERS;
import static io.nettle.auth.TestBackends.WHOAMI;
import static io.nettle.auth.TestBackends.as;
import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.nettle.App;
import io.nettle.auth.TestBackends.StaffUser;
import io.nettle.http.Connection;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the middleware attaches, and how it answers backends that refuse, fail or hang. */
@OnEveryProtocol
class AuthenticationMiddlewareTest {
    private final Wire wire;

    AuthenticationMiddlewareTest(Wire wire) {
        this.wire = wire;
    }

    static App app(AuthenticationMiddleware middleware) {
        return App.builder()
            .route(Route.get("/", WHOAMI))
            .route(Route.get("/roles", Endpoint.sync(request ->
                Response.text(String.join(",", new TreeSet<>(request.user(StaffUser.class).roles()))))))
            .middleware(middleware)
            .build();
    }

    @Test
    void anAnonymousConnectionHasTheUnauthenticatedUserAndNoScopes() {
        try (TestClient client = TestClient.of(app(new AuthenticationMiddleware(HEADERS)), wire)) {
            assertThat(client.get("/")).hasStatus(200).hasJsonBody("{\"authenticated\":false,\"user\":\"\",\"scopes\":[]}");
        }
    }

    @Test
    void anAuthenticatedConnectionHasTheBackendsUserAndScopes() {
        try (TestClient client = TestClient.of(app(new AuthenticationMiddleware(HEADERS)), wire)) {
            assertThat(client.get("/", as("tom", "admin")))
                .hasStatus(200).hasJsonBody("{\"authenticated\":true,\"user\":\"tom\",\"scopes\":[\"authenticated\",\"admin\"]}");
        }
    }

    @Test
    void userWithoutTheMiddlewareIsAServerErrorWhoseMessageNamesTheMiddleware() {
        App app = App.builder()
            .route(Route.get("/", WHOAMI))
            .route(Route.get("/message", Endpoint.sync(request -> {
                try {
                    return Response.text("no error: " + request.user());
                } catch (IllegalStateException e) {
                    return Response.text(e.getMessage());
                }
            })))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/")).hasStatus(500).hasBody("Internal Server Error");
            assertThat(client.get("/message")).hasStatus(200).hasBodyContaining("AuthenticationMiddleware must be installed");
        }
    }

    @Test
    void aCustomUserClassComesBackTyped() {
        try (TestClient client = TestClient.of(app(new AuthenticationMiddleware(HEADERS)), wire)) {
            assertThat(client.get("/roles", TestBackends.staff("ann", "editor admin"))).hasStatus(200).hasBody("admin,editor");
            assertThat(client.get("/roles")).hasStatus(500);
        }
    }

    @Test
    void badCredentialsGetTheDefault400WithTheMessage() {
        try (TestClient client = TestClient.of(app(new AuthenticationMiddleware(HEADERS)), wire)) {
            assertThat(client.get("/", as("bad", ""))).hasStatus(400).hasContentType("text/plain").hasBody("Unknown user");
        }
    }

    @Test
    void aBackendThatThrowsIsA500WithoutDetail() {
        AuthenticationBackend throwing = connection -> {
            throw new IllegalStateException("database password is hunter2");
        };
        try (TestClient client = TestClient.of(app(new AuthenticationMiddleware(throwing)), wire)) {
            assertThat(client.get("/")).hasStatus(500).hasBody("Internal Server Error");
        }
    }

    @Test
    void aBackendWhoseStageFailsIsA500WithoutDetail() {
        AuthenticationBackend failing = connection -> CompletableFuture.failedFuture(new IOException("ldap://secret-host down"));
        AuthenticationBackend failingLater = connection -> CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("ldap://secret-host down");
        }, CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS));
        try (TestClient client = TestClient.of(app(new AuthenticationMiddleware(failing)), wire)) {
            assertThat(client.get("/")).hasStatus(500).hasBody("Internal Server Error");
        }
        try (TestClient client = TestClient.of(app(new AuthenticationMiddleware(failingLater)), wire)) {
            assertThat(client.get("/")).hasStatus(500).hasBody("Internal Server Error");
        }
    }

    @Test
    void aBackendThatNeverAnswersIsA503AfterTheTimeout() {
        AuthenticationBackend hanging = connection -> new CompletableFuture<>();
        AuthenticationMiddleware middleware = AuthenticationMiddleware.builder(hanging).timeout(Duration.ofMillis(200)).build();
        try (TestClient client = TestClient.of(app(middleware), wire)) {
            assertThat(client.get("/")).hasStatus(503).hasBody("Service Unavailable");
        }
    }

    @Test
    void anAsynchronousBackendIsAwaited() {
        AuthenticationBackend later = connection -> CompletableFuture.supplyAsync(() -> Optional.of(AuthResult.user("late", "authenticated")),
            CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
        try (TestClient client = TestClient.of(app(new AuthenticationMiddleware(later)), wire)) {
            assertThat(client.get("/")).hasStatus(200).hasJsonBody("{\"authenticated\":true,\"user\":\"late\",\"scopes\":[\"authenticated\"]}");
        }
    }

    @Test
    void aBlockingBackendRunsOnTheWorkerPoolAndTheEndpointBackOnTheEventLoop() {
        AuthenticationBackend blocking = AuthenticationBackend.blocking(connection ->
            Optional.of(AuthResult.user(Thread.currentThread().getName(), "authenticated")));
        App app = App.builder()
            .route(Route.get("/", Endpoint.sync(request ->
                Response.text(request.user().displayName() + " then " + Thread.currentThread().getName()))))
            .middleware(new AuthenticationMiddleware(blocking))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            String body = client.get("/").text();
            assertThat(body).startsWith("nettle-worker-");
            assertThat(body.substring(body.indexOf(" then ") + 6)).doesNotStartWith("nettle-worker-");
        }
    }

    @Test
    void inAChainTheFirstBackendThatFindsAUserWins() {
        AuthenticationBackend fallback = AuthenticationBackend.sync(connection -> Optional.of(AuthResult.user("guest", "guest")));
        App app = app(new AuthenticationMiddleware(AuthenticationBackend.chain(HEADERS, fallback)));
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/", as("tom", ""))).hasJsonBody("{\"authenticated\":true,\"user\":\"tom\",\"scopes\":[\"authenticated\"]}");
            assertThat(client.get("/")).hasJsonBody("{\"authenticated\":true,\"user\":\"guest\",\"scopes\":[\"guest\"]}");
        }
    }

    @Test
    void inAChainAnErrorStopsTheChain() {
        AtomicInteger laterCalls = new AtomicInteger();
        AuthenticationBackend later = AuthenticationBackend.sync(connection -> {
            laterCalls.incrementAndGet();
            return Optional.of(AuthResult.user("guest"));
        });
        try (TestClient client = TestClient.of(app(new AuthenticationMiddleware(AuthenticationBackend.chain(HEADERS, later))), wire)) {
            assertThat(client.get("/", as("bad", ""))).hasStatus(400).hasBody("Unknown user");
        }
        assertThat(laterCalls).hasValue(0);
    }

    @Test
    void aChainOfNoMatchIsAnonymous() {
        AuthenticationBackend none = AuthenticationBackend.sync(connection -> Optional.empty());
        try (TestClient client = TestClient.of(app(new AuthenticationMiddleware(AuthenticationBackend.chain(none, HEADERS))), wire)) {
            assertThat(client.get("/")).hasJsonBody("{\"authenticated\":false,\"user\":\"\",\"scopes\":[]}");
        }
    }

    @Test
    void theMiddlewareRefusesAnInvalidConfiguration() {
        assertThatNullPointerException().isThrownBy(() -> new AuthenticationMiddleware(null));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> AuthenticationMiddleware.builder(HEADERS).timeout(Duration.ZERO));
    }

    @Test
    void aFailingListenerOrOnErrorAfterAnAsynchronousBackendIsA500NotAHang() {
        AuthenticationBackend later = connection -> CompletableFuture.supplyAsync(() -> {
            if (connection.header("X-User").isPresent()) {
                throw new AuthenticationError("Unknown user");
            }
            return Optional.empty();
        }, CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS));
        AuthenticationMiddleware middleware = AuthenticationMiddleware.builder(later)
            .listener(new AuthenticationListener() {
                @Override
                public void anonymous(Connection connection) {
                    throw new IllegalStateException("metrics are down");
                }
            })
            .onError((request, error) -> {
                throw new IllegalStateException("onError is broken");
            })
            .build();
        try (TestClient client = TestClient.of(app(middleware), wire).timeout(Duration.ofSeconds(2))) {
            assertThat(client.get("/")).hasStatus(500).hasBody("Internal Server Error");
            assertThat(client.get("/", as("tom", ""))).hasStatus(500).hasBody("Internal Server Error");
        }
    }
}
