package io.nettle.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.App;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryWire;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.WebSocketTestSession;
import io.nettle.testkit.Wire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Timeouts, fragmentation, extensions, malformed handshakes and receiving around the close, through the TestClient. */
@OnEveryWire
class WebSocketLifecycleTest {
    private final Wire wire;

    WebSocketLifecycleTest(Wire wire) {
        this.wire = wire;
    }

    private static final WebSocketHandler ECHO = ws -> {
        ws.accept();
        ws.onText(ws::sendText);
        ws.onBinary(ws::sendBytes);
    };
    private static final String KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
    private static final String VERSION_13 = "Sec-WebSocket-Version: 13\r\n";

    private TestClient client(Route... routes) {
        return TestClient.of(App.builder().route(routes).build(), wire);
    }

    /** A handshake request for {@code /ws} with the upgrade headers and {@code extraHeaders} (CRLF-terminated lines). */
    private static String handshake(String extraHeaders) {
        return "GET /ws HTTP/1.1\r\nHost: testserver\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + extraHeaders + "\r\n";
    }

    @Test
    void anIdleConnectionIsClosedWith1001() {
        WebSocketOptions options = WebSocketOptions.builder().idleTimeout(Duration.ofMillis(100)).build();
        try (TestClient client = client(WebSocketRoute.of("/ws", ECHO, options));
             WebSocketTestSession ws = client.websocketConnect("/ws")) {
            assertThat(ws.sendText("still here").receiveText()).isEqualTo("still here");
            assertThat(ws.awaitClose()).isEqualTo(CloseCodes.GOING_AWAY);
            assertThat(ws.closeReason()).isEqualTo("Idle timeout");
        }
    }

    @Test
    void aHandshakeTheApplicationNeverAnswersIsClosedWith1011() {
        WebSocketOptions options = WebSocketOptions.builder().handshakeTimeout(Duration.ofMillis(100)).build();
        WebSocketHandler undecided = ws -> { };
        try (TestClient client = client(WebSocketRoute.of("/ws", undecided, options))) {
            assertThatThrownBy(() -> client.websocketConnect("/ws"))
                .isInstanceOfSatisfying(WebSocketDisconnect.class, d -> {
                    assertThat(d.code()).isEqualTo(CloseCodes.INTERNAL_ERROR);
                    assertThat(d.reason()).isEqualTo("Handshake timeout");
                });
        }
    }

    @Test
    void fragmentedMessagesAreReassembled() {
        try (TestClient client = client(WebSocketRoute.of("/ws", ECHO));
             WebSocketTestSession ws = client.websocketConnect("/ws")) {
            ws.sendRaw(Frames.masked(Frames.TEXT_FIRST, "hello, "));
            ws.sendRaw(Frames.masked(Frames.CONTINUATION_FINAL, "fragments"));
            assertThat(ws.receiveText()).isEqualTo("hello, fragments");
        }
    }

    @Test
    void aMessageInManyTinyFragmentsIsReassembledWithACharacterSplitAcrossThem() {
        byte[] text = "ü".repeat(150).getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream frames = new java.io.ByteArrayOutputStream();
        frames.writeBytes(Frames.masked(Frames.TEXT_FIRST, new byte[] {text[0]}));
        for (int i = 1; i < text.length - 1; i++) {
            frames.writeBytes(Frames.masked(Frames.CONTINUATION, new byte[] {text[i]})); // every "ü" split over two frames
        }
        frames.writeBytes(Frames.masked(Frames.CONTINUATION_FINAL, new byte[] {text[text.length - 1]}));
        try (TestClient client = client(WebSocketRoute.of("/ws", ECHO));
             WebSocketTestSession ws = client.websocketConnect("/ws")) {
            ws.sendRaw(frames.toByteArray());
            assertThat(ws.receiveText()).isEqualTo("ü".repeat(150));
            ws.sendRaw(Frames.masked(Frames.BINARY_FIRST, new byte[] {1, 2}));
            ws.sendRaw(Frames.masked(Frames.CONTINUATION_FINAL, new byte[] {3}));
            assertThat(ws.receiveBytes()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void fragmentsThatTogetherExceedTheMessageLimitClose1009() {
        WebSocketOptions small = WebSocketOptions.builder().maxFrameSize(100).maxMessageSize(250).build();
        try (TestClient client = client(WebSocketRoute.of("/ws", ECHO, small));
             WebSocketTestSession ws = client.websocketConnect("/ws")) {
            ws.sendRaw(Frames.masked(Frames.TEXT_FIRST, "a".repeat(100)));
            ws.sendRaw(Frames.masked(Frames.CONTINUATION, "b".repeat(100)));
            ws.sendRaw(Frames.masked(Frames.CONTINUATION, "c".repeat(100)));
            ws.sendRaw(Frames.masked(Frames.CONTINUATION_FINAL, "d"));
            assertThat(ws.awaitClose()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        }
    }

    @Test
    void fragmentsUpToTheMessageLimitAreOneMessage() {
        WebSocketOptions small = WebSocketOptions.builder().maxFrameSize(100).maxMessageSize(250).build();
        try (TestClient client = client(WebSocketRoute.of("/ws", ECHO, small));
             WebSocketTestSession ws = client.websocketConnect("/ws")) {
            ws.sendRaw(Frames.masked(Frames.TEXT_FIRST, "a".repeat(100)));
            ws.sendRaw(Frames.masked(Frames.CONTINUATION, "b".repeat(100)));
            ws.sendRaw(Frames.masked(Frames.CONTINUATION_FINAL, "c".repeat(50)));
            assertThat(ws.receiveText()).isEqualTo("a".repeat(100) + "b".repeat(100) + "c".repeat(50));
        }
    }

    @Test
    void permessageDeflateIsOffByDefault() {
        try (TestClient client = client(WebSocketRoute.of("/ws", ECHO))) {
            String answer = client.sendRaw(handshake(KEY + VERSION_13 + "Sec-WebSocket-Extensions: permessage-deflate\r\n"));
            assertThat(answer).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("permessage-deflate");
        }
    }

    @Test
    void permessageDeflateIsNegotiatedWhenCompressionIsOn() {
        WebSocketOptions options = WebSocketOptions.builder().compression(true).build();
        try (TestClient client = client(WebSocketRoute.of("/ws", ECHO, options))) {
            String answer = client.sendRaw(handshake(KEY + VERSION_13 + "Sec-WebSocket-Extensions: permessage-deflate\r\n"));
            assertThat(answer).startsWith("HTTP/1.1 101").containsIgnoringCase("sec-websocket-extensions: permessage-deflate");
        }
    }

    @Test
    void aHandshakeWithoutKeyIsABadRequest() {
        try (TestClient client = client(WebSocketRoute.of("/ws", ECHO))) {
            assertThat(client.sendRaw(handshake(VERSION_13))).startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void anUnsupportedVersionGets426NamingVersion13() {
        try (TestClient client = client(WebSocketRoute.of("/ws", ECHO))) {
            String answer = client.sendRaw(handshake(KEY + "Sec-WebSocket-Version: 8\r\n"));
            assertThat(answer).startsWith("HTTP/1.1 426").containsIgnoringCase("sec-websocket-version: 13\r\n");
        }
    }

    @Test
    void aPendingReceiveFailsWhenTheServerClosesAndSoDoesAnyLaterOne() throws Exception {
        CompletableFuture<CompletionStage<String>> pending = new CompletableFuture<>();
        CompletableFuture<CompletionStage<String>> afterClose = new CompletableFuture<>();
        WebSocketHandler handler = ws -> {
            ws.accept();
            pending.complete(ws.receiveText());
            ws.onBinary(bytes -> {
                ws.close(4000, "closing on request");
                afterClose.complete(ws.receiveText());
            });
        };
        try (TestClient client = client(WebSocketRoute.of("/ws", handler));
             WebSocketTestSession ws = client.websocketConnect("/ws")) {
            assertThat(pending.get(5, TimeUnit.SECONDS)).isNotNull().isNotDone();
            ws.sendBytes(new byte[] {1});
            assertThat(ws.awaitClose()).isEqualTo(4000);
            assertDisconnected(pending.get(5, TimeUnit.SECONDS), 4000);
            assertDisconnected(afterClose.get(5, TimeUnit.SECONDS), 4000);
        }
    }

    private static void assertDisconnected(CompletionStage<String> stage, int code) {
        assertThat(stage.toCompletableFuture())
            .failsWithin(Duration.ofSeconds(1))
            .withThrowableOfType(ExecutionException.class)
            .havingCause()
            .isInstanceOfSatisfying(WebSocketDisconnect.class, d -> assertThat(d.code()).isEqualTo(code));
    }
}
