package io.nettle.websocket;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.nettle.App;
import io.nettle.ServerSettings;
import io.nettle.http.AttributeKey;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.middleware.Middleware;
import io.nettle.middleware.Next;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryWire;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.WebSocketRejected;
import io.nettle.testkit.WebSocketTestSession;
import io.nettle.testkit.Wire;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@OnEveryWire
class WebSocketTest {
    private final Wire wire;

    WebSocketTest(Wire wire) {
        this.wire = wire;
    }

    private static final WebSocketHandler ECHO = ws -> {
        ws.accept();
        ws.onText(ws::sendText);
        ws.onBinary(ws::sendBytes);
    };

    private TestClient client(Route... routes) {
        return TestClient.of(App.builder().route(routes).build(), wire);
    }

    @Test
    void echoesTextAndBytes() {
        try (TestClient client = client(WebSocketRoute.of("/ws", ECHO));
             WebSocketTestSession ws = client.websocketConnect("/ws")) {
            assertThat(ws.sendText("hello").receiveText()).isEqualTo("hello");
            assertThat(ws.sendBytes(new byte[] {1, 2, 3}).receiveBytes()).containsExactly(1, 2, 3);
            assertThat(ws.sendText("ünïcødé ✓").receiveText()).isEqualTo("ünïcødé ✓");
        }
    }

    @Test
    void pullStyleReceivesJsonAndSeesPathParams() {
        WebSocketHandler handler = ws -> {
            ws.accept();
            ws.receiveJson().thenAccept(json -> ws.sendJson(Map.of(
                "room", ws.pathParams().getLong("room"),
                "got", json.get("n").asInt() + 1)));
        };
        try (TestClient client = client(WebSocketRoute.of("/rooms/{room:int}", handler));
             WebSocketTestSession ws = client.websocketConnect("/rooms/42")) {
            JsonNode reply = ws.sendJson(Map.of("n", 1)).receiveJson();
            assertThat(reply.get("room").asInt()).isEqualTo(42);
            assertThat(reply.get("got").asInt()).isEqualTo(2);
        }
    }

    @Test
    void negotiatesTheSubprotocolTheEndpointChooses() {
        WebSocketHandler handler = ws -> {
            assertThat(ws.requestedSubprotocols()).containsExactly("v1.chat", "v2.chat");
            ws.accept("v2.chat");
        };
        try (TestClient client = client(WebSocketRoute.of("/ws", handler));
             WebSocketTestSession ws = client.websocketConnect("/ws", Map.of(), List.of("v1.chat", "v2.chat"))) {
            assertThat(ws.subprotocol()).hasValue("v2.chat");
        }
    }

    @Test
    void serverClosesWithCodeAndReason() {
        WebSocketHandler handler = ws -> ws.accept().thenRun(() -> {
            ws.sendText("bye");
            ws.close(4001, "done here");
        });
        try (TestClient client = client(WebSocketRoute.of("/ws", handler));
             WebSocketTestSession ws = client.websocketConnect("/ws")) {
            assertThat(ws.receiveText()).isEqualTo("bye");
            assertThatThrownBy(ws::receiveText).isInstanceOfSatisfying(WebSocketDisconnect.class, d -> {
                assertThat(d.code()).isEqualTo(4001);
                assertThat(d.reason()).isEqualTo("done here");
            });
        }
    }

    @Test
    void clientCloseReachesTheEndpointWithItsCode() {
        CompletableFuture<Integer> seen = new CompletableFuture<>();
        WebSocketHandler handler = ws -> {
            ws.accept();
            ws.onClose((code, reason) -> seen.complete(code));
        };
        try (TestClient client = client(WebSocketRoute.of("/ws", handler))) {
            WebSocketTestSession ws = client.websocketConnect("/ws");
            ws.close(4002);
            assertThat(ws.closeCode()).hasValue(4002);
            assertThat(seen).isCompletedWithValue(4002);
        }
    }

    @Test
    void anEndpointExceptionClosesWith1011() {
        WebSocketHandler handler = ws -> {
            ws.accept();
            ws.onText(text -> {
                throw new IllegalStateException("secret detail");
            });
        };
        try (TestClient client = client(WebSocketRoute.of("/ws", handler));
             WebSocketTestSession ws = client.websocketConnect("/ws")) {
            ws.sendText("boom");
            assertThat(ws.awaitClose()).isEqualTo(CloseCodes.INTERNAL_ERROR);
            assertThat(ws.closeReason()).doesNotContain("secret");
        }
    }

    @Test
    void anExceptionBeforeAcceptDeniesWith1011() {
        WebSocketHandler handler = ws -> {
            throw new IllegalStateException("no");
        };
        try (TestClient client = client(WebSocketRoute.of("/ws", handler))) {
            assertThatThrownBy(() -> client.websocketConnect("/ws"))
                .isInstanceOfSatisfying(WebSocketDisconnect.class, d -> assertThat(d.code()).isEqualTo(1011));
        }
    }

    @Test
    void middlewareDenialClosesWith1008AndItsTextAsReason() {
        Middleware guard = new TokenGuard();
        App app = App.builder().route(WebSocketRoute.of("/ws", ECHO)).middleware(guard).build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThatThrownBy(() -> client.websocketConnect("/ws"))
                .isInstanceOfSatisfying(WebSocketDisconnect.class, d -> {
                    assertThat(d.code()).isEqualTo(CloseCodes.POLICY_VIOLATION);
                    assertThat(d.reason()).isEqualTo("token required");
                });
            try (WebSocketTestSession ws = client.websocketConnect("/ws?token=t")) {
                assertThat(ws.sendText("in").receiveText()).isEqualTo("in");
            }
        }
    }

    @Test
    void attributesSetByMiddlewareReachTheWebSocket() {
        AttributeKey<String> who = AttributeKey.of("who", String.class);
        Middleware tagger = new Middleware() {
            @Override
            public CompletionStage<Response> handle(Request request, Next next) {
                return next.handle(request);
            }

            @Override
            public CompletionStage<Response> handleWebSocket(Request handshake, Next next) {
                handshake.setAttribute(who, "ada");
                return next.handle(handshake);
            }
        };
        WebSocketHandler handler = ws -> ws.accept().thenRun(() -> ws.sendText(ws.attribute(who).orElse("?")));
        App app = App.builder().route(WebSocketRoute.of("/ws", handler)).middleware(tagger).build();
        try (TestClient client = TestClient.of(app, wire); WebSocketTestSession ws = client.websocketConnect("/ws")) {
            assertThat(ws.receiveText()).isEqualTo("ada");
        }
    }

    @Test
    void denialCanBeAPlainHttpStatusForNonBrowserClients() {
        WebSocketHandler deny = ws -> ws.close(CloseCodes.POLICY_VIOLATION, "not you");
        App app = App.builder()
            .route(WebSocketRoute.of("/ws", deny))
            .settings(ServerSettings.builder().rejectUpgradesWithHttpStatus(true).build())
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThatThrownBy(() -> client.websocketConnect("/ws"))
                .isInstanceOfSatisfying(WebSocketRejected.class, r -> {
                    assertThat(r.status()).isEqualTo(403);
                    assertThat(r.body()).isEqualTo("not you");
                });
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "100 letters over a frame limit of 16, 16, 32, x, 100",
        "2100 x é (4200 bytes) over the chat's 4 KiB, 4096, 4096, \u00e9, 2100"})
    void anOversizedMessageClosesWith1009(String what, int maxFrame, int maxMessage, String unit, int times) {
        WebSocketOptions small = WebSocketOptions.builder().maxFrameSize(maxFrame).maxMessageSize(maxMessage).build();
        try (TestClient client = client(WebSocketRoute.of("/ws", ECHO, small));
             WebSocketTestSession ws = client.websocketConnect("/ws")) {
            ws.sendText(unit.repeat(times));
            assertThat(ws.awaitClose()).as(what).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        }
    }

    @Test
    void theCloseFrameReachesAPeerThatKeepsSending() {
        WebSocketOptions small = WebSocketOptions.builder().maxFrameSize(1024).maxMessageSize(1024).build();
        java.io.ByteArrayOutputStream burst = new java.io.ByteArrayOutputStream();
        burst.writeBytes(Frames.masked(Frames.TEXT_FINAL, new byte[4096]));
        for (int i = 0; i < 64; i++) {
            burst.writeBytes(Frames.masked(Frames.TEXT_FINAL, "more".repeat(200).getBytes(StandardCharsets.UTF_8)));
        }
        try (TestClient client = client(WebSocketRoute.of("/ws", ECHO, small));
             WebSocketTestSession ws = client.websocketConnect("/ws")) {
            ws.sendRaw(burst.toByteArray());
            assertThat(ws.awaitClose()).as("the 1009 close frame, not a reset").isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        }
    }

    @Test
    void invalidUtf8InTextClosesWith1007() {
        try (TestClient client = client(WebSocketRoute.of("/ws", ECHO));
             WebSocketTestSession ws = client.websocketConnect("/ws")) {
            // FIN + text opcode, masked, 2 bytes of payload: 0xC3 0x28 is not UTF-8.
            ws.sendRaw(Frames.masked(Frames.TEXT_FINAL, new byte[] {(byte) 0xC3, 0x28}));
            assertThat(ws.awaitClose()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
        }
    }

    @Test
    void anUnmaskedClientFrameClosesWith1002() {
        try (TestClient client = client(WebSocketRoute.of("/ws", ECHO));
             WebSocketTestSession ws = client.websocketConnect("/ws")) {
            ws.sendRaw(new byte[] {(byte) 0x81, 0x02, 'h', 'i'});
            assertThat(ws.awaitClose()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        }
    }

    @Test
    void pingsAreAnsweredWithPongs() {
        try (TestClient client = client(WebSocketRoute.of("/ws", ECHO));
             WebSocketTestSession ws = client.websocketConnect("/ws")) {
            assertThat(ws.sendPing("p1".getBytes(StandardCharsets.UTF_8)).receivePong())
                .isEqualTo("p1".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void classBasedEndpointDecodesJsonAndSeesTheDisconnect() {
        CompletableFuture<Integer> disconnected = new CompletableFuture<>();
        class Doubler extends WebSocketEndpoint {
            @Override
            protected Encoding encoding() {
                return Encoding.JSON;
            }

            @Override
            protected void onReceive(WebSocket ws, Object message) {
                ws.sendJson(Map.of("twice", ((JsonNode) message).get("n").asInt() * 2));
            }

            @Override
            protected void onDisconnect(WebSocket ws, int code) {
                disconnected.complete(code);
            }
        }
        try (TestClient client = client(WebSocketRoute.endpoint("/double", Doubler::new))) {
            WebSocketTestSession ws = client.websocketConnect("/double");
            assertThat(ws.sendJson(Map.of("n", 21)).receiveJson().get("twice").asInt()).isEqualTo(42);
            ws.sendText("not json");
            assertThat(ws.awaitClose()).isEqualTo(CloseCodes.UNSUPPORTED_DATA);
            ws.close();
            assertThat(disconnected).isCompletedWithValue(CloseCodes.UNSUPPORTED_DATA);
        }
    }

    @Test
    void routesAndUpgradesThatDoNotMatchAnswerOverHttp() {
        try (TestClient client = client(
                WebSocketRoute.of("/ws", ECHO).name("ws"),
                Route.get("/http", Endpoint.sync(r -> Response.text("plain"))))) {
            assertThat(client.get("/ws")).hasStatus(426).hasHeader("Upgrade", "websocket");
            assertThatThrownBy(() -> client.websocketConnect("/http"))
                .isInstanceOfSatisfying(WebSocketRejected.class, r -> assertThat(r.status()).isEqualTo(404));
            assertThatThrownBy(() -> client.websocketConnect("/nowhere"))
                .isInstanceOfSatisfying(WebSocketRejected.class, r -> assertThat(r.status()).isEqualTo(404));
        }
        App app = App.builder().route(WebSocketRoute.of("/rooms/{id:int}", ECHO).name("room")).build();
        assertThat(app.urlPathFor("room", Map.of("id", 5))).isEqualTo("/rooms/5");
    }

    @Test
    void allowedOriginsRefuseCrossSiteHandshakes() {
        WebSocketOptions options = WebSocketOptions.builder().allowedOrigins("https://app.example").build();
        try (TestClient client = client(WebSocketRoute.of("/ws", ECHO, options))) {
            assertThatThrownBy(() -> client.websocketConnect("/ws", Map.of("Origin", "https://evil.example")))
                .isInstanceOfSatisfying(WebSocketDisconnect.class, d -> {
                    assertThat(d.code()).isEqualTo(CloseCodes.POLICY_VIOLATION);
                    assertThat(d.reason()).isEqualTo("Origin not allowed");
                });
            try (WebSocketTestSession ws = client.websocketConnect("/ws", Map.of("Origin", "https://app.example"))) {
                assertThat(ws.sendText("ok").receiveText()).isEqualTo("ok");
            }
        }
    }

    @Test
    void byDefaultOnlyTheRequestsOwnOriginMayConnect() {
        try (TestClient client = client(WebSocketRoute.of("/ws", ECHO))) {
            for (String foreign : List.of("https://evil.example", "null", "https://testserver", "http://testserver:8080",
                    "http://evil.testserver", "http://testserver.evil.example", "ws://evil.example", "not an origin")) {
                assertThatThrownBy(() -> client.websocketConnect("/ws", Map.of("Origin", foreign)))
                    .as(foreign)
                    .isInstanceOfSatisfying(WebSocketDisconnect.class, d -> {
                        assertThat(d.code()).isEqualTo(CloseCodes.POLICY_VIOLATION);
                        assertThat(d.reason()).isEqualTo("Origin not allowed");
                    });
            }
            for (String own : List.of("http://testserver", "http://TestServer", "http://testserver:80")) {
                try (WebSocketTestSession ws = client.websocketConnect("/ws", Map.of("Origin", own))) {
                    assertThat(ws.sendText(own).receiveText()).isEqualTo(own);
                }
            }
            try (WebSocketTestSession ws = client.websocketConnect("/ws")) {
                assertThat(ws.sendText("no Origin: not a browser").receiveText()).isEqualTo("no Origin: not a browser");
            }
        }
    }

    @Test
    void theOwnOriginIsTheOneTheTrustedProxySaw() {
        App app = App.builder().settings(ServerSettings.builder().trustedProxies("0.0.0.0/0", "::/0").build())
            .route(WebSocketRoute.of("/ws", ECHO)).build();
        Map<String, String> proxied = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "app.example");
        try (TestClient client = TestClient.of(app, wire)) {
            Map<String, String> own = new java.util.HashMap<>(proxied);
            own.put("Origin", "https://app.example");
            try (WebSocketTestSession ws = client.websocketConnect("/ws", own)) {
                assertThat(ws.sendText("ok").receiveText()).isEqualTo("ok");
            }
            Map<String, String> plain = new java.util.HashMap<>(proxied);
            plain.put("Origin", "http://testserver");
            assertThatThrownBy(() -> client.websocketConnect("/ws", plain))
                .isInstanceOfSatisfying(WebSocketDisconnect.class, d -> assertThat(d.code()).isEqualTo(CloseCodes.POLICY_VIOLATION));
        }
    }

    @Test
    void anyOriginIsAnExplicitOptIn() {
        WebSocketOptions options = WebSocketOptions.builder().allowAnyOrigin().build();
        assertThat(options.anyOrigin()).isTrue();
        assertThat(WebSocketOptions.defaults().anyOrigin()).isFalse();
        try (TestClient client = client(WebSocketRoute.of("/ws", ECHO, options))) {
            for (String origin : List.of("https://evil.example", "null")) {
                try (WebSocketTestSession ws = client.websocketConnect("/ws", Map.of("Origin", origin))) {
                    assertThat(ws.sendText(origin).receiveText()).isEqualTo(origin);
                }
            }
        }
    }

    @Test
    void sendingBeforeAcceptFails() {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        WebSocketHandler handler = ws -> {
            ws.sendText("too early").whenComplete((v, t) -> failure.complete(t));
            ws.accept();
        };
        try (TestClient client = client(WebSocketRoute.of("/ws", handler));
             WebSocketTestSession ignored = client.websocketConnect("/ws")) {
            assertThat(failure.join()).isInstanceOf(IllegalStateException.class).hasMessageContaining("accept()");
        }
    }
}
