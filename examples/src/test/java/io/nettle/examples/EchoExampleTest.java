package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.ServerSettings;
import io.nettle.testkit.OnEveryWire;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.WebSocketTestSession;
import org.junit.jupiter.api.Test;

@OnEveryWire
class EchoExampleTest {
    private final Wire wire;

    EchoExampleTest(Wire wire) {
        this.wire = wire;
    }


    private TestClient client() {
        return TestClient.of(EchoExample.app(ServerSettings.defaults()), wire);
    }

    @Test
    void servesAPageWhoseScriptConnectsToTheWebSocket() {
        try (TestClient client = client()) {
            TestResponse page = client.get("/");
            assertThat(page).hasStatus(200).hasContentType("text/html");
            assertThat(page.text())
                .contains("<script>", "new WebSocket(", "new URL(\"ws\", location.href)")
                .doesNotContain("src=", "<link");
        }
    }

    @Test
    void echoesTextAndBytesUnchanged() {
        try (TestClient client = client(); WebSocketTestSession ws = client.websocketConnect("/ws")) {
            assertThat(ws.sendText("héllo ✓").receiveText()).isEqualTo("héllo ✓");
            assertThat(ws.sendBytes(new byte[] {0, 1, (byte) 0xFF}).receiveBytes()).containsExactly(0, 1, 0xFF);
            assertThat(ws.sendText("").receiveText()).isEmpty();
        }
    }

    @Test
    void protocolViolationsCloseWithTheirCodeInACloseFrame() {
        byte[][] violations = {
            {(byte) 0x81, 0x02, 'h', 'i'},                            // unmasked text
            {(byte) 0xC1, (byte) 0x80, 0, 0, 0, 0},                   // RSV1 without an extension
            {(byte) 0x83, (byte) 0x80, 0, 0, 0, 0},                   // reserved opcode 0x3
            {(byte) 0x8B, (byte) 0x80, 0, 0, 0, 0},                   // reserved opcode 0xB
            {(byte) 0x09, (byte) 0x80, 0, 0, 0, 0},                   // fragmented ping
            {(byte) 0x80, (byte) 0x80, 0, 0, 0, 0},                   // continuation without a start
            {(byte) 0x88, (byte) 0x81, 0, 0, 0, 0, 3},                // close with a 1-byte body
        };
        for (byte[] frame : violations) {
            try (TestClient client = client(); WebSocketTestSession ws = client.websocketConnect("/ws")) {
                ws.sendRaw(frame);
                assertThat(ws.awaitClose()).as("frame %s", java.util.HexFormat.of().formatHex(frame)).isEqualTo(1002);
                assertThat(ws.closeCode()).as("a close frame, not a dropped connection (1006)").contains(1002);
            }
        }
    }

    @Test
    void isListedByName() {
        assertThat(Main.examples()).containsKey("echo");
    }
}
