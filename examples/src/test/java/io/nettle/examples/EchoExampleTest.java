package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.ServerSettings;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.WebSocketTestSession;
import org.junit.jupiter.api.Test;

class EchoExampleTest {

    private static TestClient client() {
        return TestClient.of(new EchoExample().app(ServerSettings.defaults()));
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
    void isListedByName() {
        assertThat(Main.examples()).containsKey("echo");
    }
}
