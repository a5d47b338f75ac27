package io.nettle.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.App;
import io.nettle.ServerSettings;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationError;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.auth.Guard;
import io.nettle.testing.AccessLogLines;
import io.nettle.testkit.OnEveryWire;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.WebSocketRejected;
import io.nettle.testkit.WebSocketTestSession;
import io.nettle.testkit.Wire;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The access log of WebSocket sessions: one {@code WS} line each, with the close code, once the session ends. */
@OnEveryWire
class WebSocketAccessLogTest {
    private static final String DURATION = " \\d+\\.\\d{3}ms";
    private static final ServerSettings ON = ServerSettings.builder().accessLog(true).build();

    private final Wire wire;
    private final String clientHost;

    WebSocketAccessLogTest(Wire wire) {
        this.wire = wire;
        this.clientHost = "127.0.0.1"; // the TestClient connects from loopback on every wire
    }

    /** {@code X-User} names the user; {@code bad} is refused. */
    private static final AuthenticationBackend HEADER = AuthenticationBackend.sync(connection -> {
        Optional<String> name = connection.header("X-User");
        if (name.isPresent() && name.get().equals("bad")) {
            throw new AuthenticationError("Unknown user");
        }
        return name.map(user -> AuthResult.user(user, "authenticated"));
    });

    private static App app(ServerSettings settings) {
        return App.builder()
            .settings(settings)
            .middleware(new AuthenticationMiddleware(HEADER))
            .route(WebSocketRoute.of("/echo/{room}", ws -> {
                ws.accept();
                ws.onText(ws::sendText);
                ws.onBinary(ws::sendBytes);
            }))
            .route(WebSocketRoute.of("/bye", ws -> {
                ws.accept();
                ws.onText(text -> ws.close(4001, "bye"));
            }))
            .route(WebSocketRoute.of("/private", Guard.requires("authenticated").wrapWebSocket(WebSocket::accept)))
            .build();
    }

    @Test
    void aSessionIsOneLineWithWsItsCloseCodeTheBytesOfItsMessagesAndItsDuration() {
        try (AccessLogLines log = AccessLogLines.capture(); TestClient client = TestClient.of(app(ON), wire)) {
            try (WebSocketTestSession ws = client.websocketConnect("/echo/lobby?token=query-secret", Map.of("Cookie", "sid=cookie-secret"))) {
                assertThat(ws.sendText("hello").receiveText()).isEqualTo("hello");
                assertThat(ws.sendBytes(new byte[] {1, 2, 3}).receiveBytes()).containsExactly(1, 2, 3);
            }
            assertThat(log.await(1)).singleElement().asString()
                .matches(clientHost + " - \"GET /echo/lobby WS\" 1000 16" + DURATION)
                .doesNotContain("secret");
        }
    }

    @Test
    void anAuthenticatedSessionShowsItsUser() {
        try (AccessLogLines log = AccessLogLines.capture(); TestClient client = TestClient.of(app(ON), wire)) {
            try (WebSocketTestSession ws = client.websocketConnect("/private", Map.of("X-User", "tom"))) {
                ws.close(CloseCodes.GOING_AWAY);
            }
            assertThat(log.await(1)).singleElement().asString().matches(clientHost + " tom \"GET /private WS\" 1001 0" + DURATION);
        }
    }

    @Test
    void theServersCloseCodeIsLogged() {
        try (AccessLogLines log = AccessLogLines.capture(); TestClient client = TestClient.of(app(ON), wire);
             WebSocketTestSession ws = client.websocketConnect("/bye")) {
            assertThat(ws.sendText("bye").awaitClose()).isEqualTo(4001);
            assertThat(log.await(1)).singleElement().asString().matches(clientHost + " - \"GET /bye WS\" 4001 3" + DURATION);
        }
    }

    @Test
    void deniedSessionsAreLoggedWith1008WhoeverDeniedThem() {
        try (AccessLogLines log = AccessLogLines.capture(); TestClient client = TestClient.of(app(ON), wire)) {
            assertThatThrownBy(() -> client.websocketConnect("/private"))
                .isInstanceOfSatisfying(WebSocketDisconnect.class, denied -> assertThat(denied.code()).isEqualTo(1008));
            assertThatThrownBy(() -> client.websocketConnect("/private", Map.of("X-User", "bad")))
                .isInstanceOfSatisfying(WebSocketDisconnect.class, denied -> assertThat(denied.code()).isEqualTo(1008));
            assertThat(log.await(2)).satisfiesExactly(
                line -> assertThat(line).as("the guard, in the handler").matches(clientHost + " - \"GET /private WS\" 1008 0" + DURATION),
                line -> assertThat(line).as("the middleware").matches(clientHost + " - \"GET /private WS\" 1008 0" + DURATION));
        }
    }

    @Test
    void aHandshakeAnsweredWithAnHttpStatusIsLoggedAsTheHttpRequestItStayed() {
        ServerSettings overHttp = ON.toBuilder().rejectUpgradesWithHttpStatus(true).build();
        try (AccessLogLines log = AccessLogLines.capture(); TestClient client = TestClient.of(app(overHttp), wire)) {
            assertThatThrownBy(() -> client.websocketConnect("/private"))
                .isInstanceOfSatisfying(WebSocketRejected.class, rejected -> assertThat(rejected.status()).isEqualTo(403));
            assertThatThrownBy(() -> client.websocketConnect("/private", Map.of("X-User", "bad")))
                .isInstanceOfSatisfying(WebSocketRejected.class, rejected -> assertThat(rejected.status()).isEqualTo(403));
            assertThatThrownBy(() -> client.websocketConnect("/nowhere"))
                .isInstanceOfSatisfying(WebSocketRejected.class, rejected -> assertThat(rejected.status()).isEqualTo(404));
            assertThat(log.await(3)).satisfiesExactly(
                line -> assertThat(line).matches(clientHost + " - \"GET /private HTTP/1\\.1\" 403 \\d+" + DURATION),
                line -> assertThat(line).matches(clientHost + " - \"GET /private HTTP/1\\.1\" 403 \\d+" + DURATION),
                line -> assertThat(line).matches(clientHost + " - \"GET /nowhere HTTP/1\\.1\" 404 \\d+" + DURATION));
        }
    }

    @Test
    void aHandshakeTheServerCannotCompleteIsLoggedWithItsHttpStatus() {
        String handshake = "GET /echo/lobby HTTP/1.1\r\nHost: testserver\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
        try (AccessLogLines log = AccessLogLines.capture(); TestClient client = TestClient.of(app(ON), wire)) {
            assertThat(client.sendRaw(handshake + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n"))
                .startsWith("HTTP/1.1 426");
            assertThat(client.sendRaw(handshake + "Sec-WebSocket-Version: 13\r\n\r\n")).startsWith("HTTP/1.1 400");
            assertThat(log.await(2)).satisfiesExactly(
                line -> assertThat(line).matches(clientHost + " - \"GET /echo/lobby HTTP/1\\.1\" 426 \\d+" + DURATION),
                line -> assertThat(line).matches(clientHost + " - \"GET /echo/lobby HTTP/1\\.1\" 400 \\d+" + DURATION));
        }
    }

    @Test
    void nothingIsLoggedWhenTheLogIsOff() {
        try (AccessLogLines log = AccessLogLines.capture(); TestClient client = TestClient.of(app(ServerSettings.defaults()), wire)) {
            try (WebSocketTestSession ws = client.websocketConnect("/echo/lobby")) {
                assertThat(ws.sendText("hello").receiveText()).isEqualTo("hello");
            }
            assertThatThrownBy(() -> client.websocketConnect("/private")).isInstanceOf(WebSocketDisconnect.class);
            assertThat(log.await(0)).isEmpty();
        }
    }
}
