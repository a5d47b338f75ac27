package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.ServerSettings;
import io.nettle.testkit.OnEveryWire;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.WebSocketTestSession;
import io.nettle.testkit.Wire;
import io.nettle.websocket.WebSocketDisconnect;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The auth example's WebSocket takes its own origin only, and its hidden /admin stays hidden. */
@OnEveryWire
class AuthExampleOriginsAndHidingTest {
    private final TestClient client;

    AuthExampleOriginsAndHidingTest(Wire wire) {
        this.client = TestClient.of(AuthExample.app(ServerSettings.defaults()), wire);
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static Map<String, String> basic(String user) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", DemoLogin.basic(user + ":secret"));
        return headers;
    }

    @Test
    void aHandshakeFromAnotherOriginIsClosedWith1008EvenWithValidCredentials() {
        for (String origin : new String[] {"https://evil.example", "null"}) {
            Map<String, String> headers = basic("tom");
            headers.put("Origin", origin);
            assertThatThrownBy(() -> client.websocketConnect("/ws", headers)).as(origin)
                .isInstanceOfSatisfying(WebSocketDisconnect.class, denied -> {
                    assertThat(denied.code()).isEqualTo(1008);
                    assertThat(denied.reason()).isEqualTo("Origin not allowed");
                });
        }
        Map<String, String> sameOrigin = basic("tom");
        sameOrigin.put("Origin", "http://testserver");
        try (WebSocketTestSession ws = client.websocketConnect("/ws", sameOrigin)) {
            assertThat(ws.sendText("hi").receiveText()).isEqualTo("tom: hi");
        }
        try (WebSocketTestSession ws = client.websocketConnect("/ws", basic("tom"))) {
            assertThat(ws.sendText("no Origin").receiveText()).as("not a browser").isEqualTo("tom: no Origin");
        }
    }

    @Test
    void adminIsHiddenFromTomWhateverTheMethodOrSlash() {
        for (Map<String, String> who : new Map[] {Map.of(), basic("tom")}) {
            assertThat(client.get("/admin", who)).hasStatus(404);
            assertThat(client.request("POST", "/admin").headers(who).send()).hasStatus(404).hasNoHeader("Allow");
            assertThat(client.request("DELETE", "/admin").headers(who).send()).hasStatus(404).hasNoHeader("Allow");
            assertThat(client.get("/admin/", who)).hasStatus(404).hasNoHeader("Location");
        }
        Map<String, String> admin = basic("admin");
        assertThat(client.get("/admin", admin)).hasStatus(200).hasBody("admin");
        assertThat(client.request("POST", "/admin").headers(admin).send()).hasStatus(405).hasHeader("Allow", "GET, HEAD");
        assertThat(client.request("DELETE", "/admin").headers(admin).send()).hasStatus(405).hasHeader("Allow", "GET, HEAD");
        assertThat(client.get("/admin/", admin)).hasStatus(307).hasHeader("Location", "http://testserver/admin");
    }
}
