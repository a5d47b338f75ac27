package io.nettle.auth;

import static io.nettle.auth.Guard.requires;
import static io.nettle.auth.TestBackends.HEADERS;
import static io.nettle.auth.TestBackends.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.nettle.App;
import io.nettle.testkit.OnEveryWire;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.WebSocketTestSession;
import io.nettle.testkit.Wire;
import io.nettle.websocket.CloseCodes;
import io.nettle.websocket.WebSocket;
import io.nettle.websocket.WebSocketDisconnect;
import io.nettle.websocket.WebSocketRoute;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Authentication of WebSocket handshakes and guards on WebSocket routes. */
@OnEveryWire
class WebSocketAuthTest {
    private final Wire wire;

    WebSocketAuthTest(Wire wire) {
        this.wire = wire;
    }


    static App app(AuthenticationMiddleware middleware) {
        return App.builder()
            .route(WebSocketRoute.of("/ws", requires("authenticated").wrapWebSocket(ws -> {
                ws.accept();
                ws.sendText("hello " + ws.user().displayName() + " " + ws.auth().scopes());
            })))
            .route(WebSocketRoute.of("/ws/admin", requires("admin").status(404).wrapWebSocket(ws -> {
                ws.accept();
                ws.sendText("admin");
            })))
            .route(WebSocketRoute.of("/ws/open", ws -> {
                ws.accept();
                ws.sendText("open to " + (ws.user().isAuthenticated() ? ws.user().displayName() : "anyone"));
                ws.close(CloseCodes.NORMAL_CLOSURE);
            }))
            .middleware(middleware)
            .build();
    }

    static WebSocketDisconnect denial(TestClient client, String path, Map<String, String> headers) {
        Throwable thrown = catchThrowable(() -> client.websocketConnect(path, headers).close());
        assertThat(thrown).isInstanceOf(WebSocketDisconnect.class);
        return (WebSocketDisconnect) thrown;
    }

    @Test
    void anAuthenticatedWebSocketSeesItsUser() {
        try (TestClient client = TestClient.of(app(new AuthenticationMiddleware(HEADERS)), wire);
             WebSocketTestSession ws = client.websocketConnect("/ws", as("tom", "chat"))) {
            assertThat(ws.receiveText()).isEqualTo("hello tom [authenticated, chat]");
        }
    }

    @Test
    void anAnonymousConnectionToAGuardedRouteIsClosedWith1008() {
        try (TestClient client = TestClient.of(app(new AuthenticationMiddleware(HEADERS)), wire)) {
            assertThatThrownBy(() -> client.websocketConnect("/ws"))
                .isInstanceOfSatisfying(WebSocketDisconnect.class, e -> assertThat(e.code()).isEqualTo(CloseCodes.POLICY_VIOLATION));
        }
    }

    @Test
    void statusDoesNotApplyToWebSocketsWhichAreClosedWith1008() {
        try (TestClient client = TestClient.of(app(new AuthenticationMiddleware(HEADERS)), wire)) {
            assertThat(denial(client, "/ws/admin", as("tom", "")).code()).isEqualTo(1008);
        }
    }

    @Test
    void anUnguardedRouteServesAnonymousAndAuthenticatedAlike() {
        try (TestClient client = TestClient.of(app(new AuthenticationMiddleware(HEADERS)), wire)) {
            try (WebSocketTestSession ws = client.websocketConnect("/ws/open")) {
                assertThat(ws.receiveText()).isEqualTo("open to anyone");
                assertThat(ws.awaitClose()).isEqualTo(1000);
            }
            try (WebSocketTestSession ws = client.websocketConnect("/ws/open", as("tom", ""))) {
                assertThat(ws.receiveText()).isEqualTo("open to tom");
            }
        }
    }

    @Test
    void badCredentialsAreClosedWith1008AndTheErrorMessageAsReason() {
        try (TestClient client = TestClient.of(app(new AuthenticationMiddleware(HEADERS)), wire)) {
            WebSocketDisconnect denied = denial(client, "/ws/open", as("bad", ""));
            assertThat(denied.code()).isEqualTo(CloseCodes.POLICY_VIOLATION);
            assertThat(denied.reason()).isEqualTo("Unknown user");
        }
    }

    @Test
    void aBackendThatThrowsOnAHandshakeIsClosedWith1011WithoutDetail() {
        AuthenticationBackend throwing = connection -> {
            throw new IllegalStateException("secret detail");
        };
        try (TestClient client = TestClient.of(app(new AuthenticationMiddleware(throwing)), wire)) {
            WebSocketDisconnect denied = denial(client, "/ws/open", Map.of());
            assertThat(denied.code()).isEqualTo(CloseCodes.INTERNAL_ERROR);
            assertThat(denied.reason()).doesNotContain("secret");
        }
    }

    @Test
    void aBackendThatNeverAnswersAHandshakeIsClosedWith1011AfterTheTimeout() {
        AuthenticationBackend hanging = connection -> new CompletableFuture<>();
        AuthenticationMiddleware middleware = AuthenticationMiddleware.builder(hanging).timeout(Duration.ofMillis(200)).build();
        try (TestClient client = TestClient.of(app(middleware), wire)) {
            assertThat(denial(client, "/ws/open", Map.of()).code()).isEqualTo(CloseCodes.INTERNAL_ERROR);
        }
    }

    @Test
    void aHandshakeQueryTheBackendCannotReadIsDeniedWith1008() {
        AuthenticationBackend queryReader = AuthenticationBackend.sync(connection ->
            connection.queryParam("token").map(token -> AuthResult.user("token-holder", "authenticated")));
        try (TestClient client = TestClient.of(app(new AuthenticationMiddleware(queryReader)), wire)) {
            String tooManyParameters = "?token=t" + "&p=1".repeat(1000);
            assertThat(denial(client, "/ws/open" + tooManyParameters, Map.of()).code()).isEqualTo(CloseCodes.POLICY_VIOLATION);
            try (WebSocketTestSession ws = client.websocketConnect("/ws?token=t")) {
                assertThat(ws.receiveText()).isEqualTo("hello token-holder [authenticated]");
            }
        }
    }
}
