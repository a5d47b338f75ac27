package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.ServerSettings;
import io.nettle.testkit.Body;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.WebSocketTestSession;
import io.nettle.websocket.WebSocketDisconnect;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The parity app answers as its Starlette twin does (examples/parity/run.sh compares them live). */
class ParityExampleTest {
    private final TestClient client = TestClient.of(ParityExample.app(ServerSettings.defaults()));

    private static Map<String, String> as(String user) {
        return Map.of("Authorization", "Basic "
            + Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.US_ASCII)));
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void homepageTellsWhoIsThere() {
        assertThat(client.get("/")).hasStatus(200).hasBody("{\"authenticated\":false,\"user\":\"\"}");
        assertThat(client.get("/", as("tom"))).hasStatus(200).hasBody("{\"authenticated\":true,\"user\":\"tom\"}");
        assertThat(client.get("/", Map.of("Authorization", "Basic !!!"))).hasStatus(400).hasBody("Invalid basic auth credentials");
    }

    @Test
    void eachGuardAnswersAsConfigured() {
        assertThat(client.get("/dashboard")).hasStatus(403).hasBody("Forbidden");
        assertThat(client.get("/admin?x=1")).redirectsTo(303, "http://testserver/?next=http%3A%2F%2Ftestserver%2Fadmin%3Fx%3D1");
        assertThat(client.get("/admin/panel", as("tom"))).hasStatus(403);
        assertThat(client.get("/admin/panel", as("admin"))).hasStatus(200);
        assertThat(client.get("/hidden", as("tom"))).hasStatus(404).hasBody("Not Found");
        assertThat(client.get("/premium", as("tom"))).hasStatus(402).hasBody("Payment Required");
        assertThat(client.get("/premium", as("rich"))).hasStatus(200);
    }

    @Test
    void echoAndItems() {
        assertThat(client.request("POST", "/echo").headers(as("tom")).body(Body.rawJson("{\"a\":[1]}")).send())
            .hasStatus(200).hasBody("{\"user\":\"tom\",\"body\":{\"a\":[1]}}");
        assertThat(client.request("POST", "/echo").headers(as("tom")).body(Body.rawJson("{no")).send()).hasStatus(400);
        assertThat(client.get("/items/42")).hasStatus(200).hasBody("{\"item_id\":42,\"method\":\"GET\"}");
        assertThat(client.delete("/items/42")).hasStatus(405).hasHeader("Allow", "GET, HEAD, POST");
    }

    @Test
    void webSocketsGreetEchoAndDeny() {
        try (WebSocketTestSession ws = client.websocketConnect("/ws", as("tom"))) {
            assertThat(ws.receiveText()).isEqualTo("{\"authenticated\":true,\"user\":\"tom\"}");
            assertThat(ws.sendText("hi").receiveText()).isEqualTo("hi");
        }
        WebSocketTestSession open = client.websocketConnect("/ws/open");
        assertThat(open.receiveText()).isEqualTo("{\"authenticated\":false,\"user\":\"\"}");
        assertThat(open.awaitClose()).isEqualTo(1000);
        assertThatThrownBy(() -> client.websocketConnect("/ws"))
            .isInstanceOfSatisfying(WebSocketDisconnect.class, d -> assertThat(d.code()).isEqualTo(1008));
    }
}
