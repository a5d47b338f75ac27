package io.nettle.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.testkit.OnEveryWire;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.WebSocketTestSession;
import io.nettle.testkit.Wire;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every RFC 6455 violation a client can commit closes its connection with the code the RFC
 * names (1002 protocol error, 1007 invalid payload), in a close frame that reaches the wire, and
 * the server keeps serving others. On every wire: in memory and over real sockets.
 */
@OnEveryWire
class WebSocketProtocolViolationTest {
    private static final int PING = 0x89;
    private static final int CLOSE = 0x88;
    private static final WebSocketHandler ECHO = ws -> {
        ws.accept();
        ws.onText(ws::sendText);
        ws.onBinary(ws::sendBytes);
    };
    private static final App APP = App.builder().route(WebSocketRoute.of("/ws", ECHO)).build();

    private final TestClient client;

    WebSocketProtocolViolationTest(Wire wire) {
        this.client = TestClient.of(APP, wire);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    static Stream<Arguments> violations() {
        return Stream.of(
            Arguments.of("RSV1 without a negotiated extension", frames(Frames.masked(0xC1, "hi")), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("RSV2", frames(Frames.masked(0xA1, "hi")), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("RSV3", frames(Frames.masked(0x91, "hi")), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("a reserved data opcode (0x3)", frames(Frames.masked(0x83, "hi")), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("a reserved control opcode (0xB)", frames(Frames.masked(0x8B, "hi")), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("a fragmented ping", frames(Frames.masked(0x09, "p")), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("a fragmented close", frames(Frames.masked(0x08, closePayload(1000))), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("a ping of 126 bytes", frames(Frames.masked(PING, new byte[126])), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("a close of 126 bytes", frames(Frames.masked(CLOSE, closePayload(1000, 124))), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("a continuation without a start", frames(Frames.masked(Frames.CONTINUATION_FINAL, "x")),
                CloseCodes.PROTOCOL_ERROR),
            Arguments.of("a new message inside a fragmented one",
                frames(Frames.masked(Frames.TEXT_FIRST, "a"), Frames.masked(Frames.TEXT_FINAL, "b")), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("a close payload of 1 byte", frames(Frames.masked(CLOSE, new byte[] {0x03})), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("close code 0", frames(Frames.masked(CLOSE, closePayload(0))), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("close code 999", frames(Frames.masked(CLOSE, closePayload(999))), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("close code 1004 (reserved)", frames(Frames.masked(CLOSE, closePayload(1004))), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("close code 1005 (never sent)", frames(Frames.masked(CLOSE, closePayload(1005))), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("close code 1006 (never sent)", frames(Frames.masked(CLOSE, closePayload(1006))), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("close code 1015 (never sent)", frames(Frames.masked(CLOSE, closePayload(1015))), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("close code 1016 (unassigned)", frames(Frames.masked(CLOSE, closePayload(1016))), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("close code 2999", frames(Frames.masked(CLOSE, closePayload(2999))), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("close code 5000", frames(Frames.masked(CLOSE, closePayload(5000))), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("close code 65535", frames(Frames.masked(CLOSE, closePayload(65535))), CloseCodes.PROTOCOL_ERROR),
            Arguments.of("invalid UTF-8 in a close reason",
                frames(Frames.masked(CLOSE, new byte[] {0x03, (byte) 0xE8, (byte) 0xC3, 0x28})), CloseCodes.INVALID_PAYLOAD),
            Arguments.of("invalid UTF-8 across text fragments",
                frames(Frames.masked(Frames.TEXT_FIRST, new byte[] {'a', (byte) 0xE2}),
                    Frames.masked(Frames.CONTINUATION_FINAL, new byte[] {0x28, (byte) 0xA1})), CloseCodes.INVALID_PAYLOAD),
            Arguments.of("an encoded surrogate in text", frames(Frames.masked(Frames.TEXT_FINAL,
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})), CloseCodes.INVALID_PAYLOAD),
            Arguments.of("an overlong encoding in text", frames(Frames.masked(Frames.TEXT_FINAL,
                new byte[] {(byte) 0xC0, (byte) 0xAF})), CloseCodes.INVALID_PAYLOAD));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void closesWithTheCodeTheRfcNames(String what, byte[][] frames, int expected) {
        try (WebSocketTestSession ws = client.websocketConnect("/ws")) {
            for (byte[] frame : frames) {
                ws.sendRaw(frame);
            }
            assertThat(ws.awaitClose()).as(what).isEqualTo(expected);
        }
        try (WebSocketTestSession next = client.websocketConnect("/ws")) {
            assertThat(next.sendText("still serving").receiveText()).isEqualTo("still serving");
        }
    }

    @Test
    void theApplicationSeesTheViolationsCode() throws Exception {
        CompletableFuture<Integer> seen = new CompletableFuture<>();
        WebSocketHandler watching = ws -> {
            ws.accept();
            ws.onClose((code, reason) -> seen.complete(code));
        };
        try (TestClient watched = TestClient.of(App.builder().route(WebSocketRoute.of("/ws", watching)).build(), client.wire());
             WebSocketTestSession ws = watched.websocketConnect("/ws")) {
            ws.sendRaw(Frames.masked(CLOSE, closePayload(5000)));
            assertThat(ws.awaitClose()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
            assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        }
    }

    @Test
    void validCloseCodesAreEchoed() {
        for (int code : new int[] {1000, 1001, 1003, 1007, 1011, 1014, 3000, 4999}) {
            try (WebSocketTestSession ws = client.websocketConnect("/ws")) {
                ws.sendRaw(Frames.masked(CLOSE, closePayload(code)));
                assertThat(ws.awaitClose()).as("close code %d", code).isEqualTo(code);
            }
        }
    }

    private static byte[][] frames(byte[]... frames) {
        return frames;
    }

    private static byte[] closePayload(int code) {
        return closePayload(code, 0);
    }

    /** A close frame body: {@code code} (16 bits, big-endian) and a reason of {@code reasonLength} ASCII letters. */
    private static byte[] closePayload(int code, int reasonLength) {
        byte[] payload = new byte[2 + reasonLength];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        for (int i = 2; i < payload.length; i++) {
            payload[i] = 'r';
        }
        return payload;
    }
}
