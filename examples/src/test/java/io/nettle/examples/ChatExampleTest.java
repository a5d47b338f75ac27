package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.ServerSettings;
import io.nettle.testkit.OnEveryWire;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import io.nettle.testkit.WebSocketTestSession;
import io.nettle.websocket.WebSocketDisconnect;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@OnEveryWire
class ChatExampleTest {
    private static final String ORIGIN = "https://chat.example";
    private final TestClient client;

    ChatExampleTest(Wire wire) {
        this.client = TestClient.of(ChatExample.app(ServerSettings.defaults(), ORIGIN), wire);
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static Map<String, String> as(String user, String origin) {
        Map<String, String> headers = new HashMap<>(Map.of("Origin", origin));
        headers.put("Authorization", DemoLogin.basic(user + ":secret"));
        return headers;
    }

    private static String joined(String user) {
        return "{\"user\":\"" + user + "\",\"event\":\"joined\"}";
    }

    private static String left(String user) {
        return "{\"user\":\"" + user + "\",\"event\":\"left\"}";
    }

    private static String said(String user, String jsonText) {
        return "{\"user\":\"" + user + "\",\"text\":\"" + jsonText + "\"}";
    }

    @Test
    void thePageAsksForAPasswordThenServesTheScript() {
        assertThat(client.get("/")).hasStatus(401).hasHeader("WWW-Authenticate", "Basic realm=\"chat\"");
        assertThat(client.get("/", as("tom", ORIGIN))).hasStatus(200).hasContentType("text/html");
        assertThat(client.get("/", as("tom", ORIGIN)).text())
            .contains("<script>", "new WebSocket(", "\"chat/\"", "textContent", "JSON.parse")
            .doesNotContain("src=", "innerHTML");
    }

    @Test
    void messagesGoToEveryoneInTheRoomOnly() {
        try (WebSocketTestSession tom = client.websocketConnect("/chat/lobby", as("tom", ORIGIN))) {
            assertThat(tom.receiveText()).isEqualTo(joined("tom"));
            try (WebSocketTestSession admin = client.websocketConnect("/chat/lobby", as("admin", ORIGIN));
                 WebSocketTestSession elsewhere = client.websocketConnect("/chat/kitchen", as("tom", ORIGIN))) {
                assertThat(admin.receiveText()).isEqualTo(joined("admin"));
                assertThat(tom.receiveText()).isEqualTo(joined("admin"));
                assertThat(elsewhere.receiveText()).isEqualTo(joined("tom"));

                admin.sendText("hello");
                assertThat(tom.receiveText()).isEqualTo(said("admin", "hello"));
                assertThat(admin.receiveText()).isEqualTo(said("admin", "hello"));
                elsewhere.sendText("only here");
                assertThat(elsewhere.receiveText()).isEqualTo(said("tom", "only here"));
            }
            assertThat(tom.receiveText()).isEqualTo(left("admin"));
            tom.sendText("bye");
            assertThat(tom.receiveText()).isEqualTo(said("tom", "bye"));
        }
    }

    @Test
    void aTextWithNewlinesOrAnyCharacterIsOneMessageFromItsSender() {
        try (WebSocketTestSession tom = client.websocketConnect("/chat/lobby", as("tom", ORIGIN));
             WebSocketTestSession admin = client.websocketConnect("/chat/lobby", as("admin", ORIGIN))) {
            assertThat(tom.receiveText()).isEqualTo(joined("tom"));
            assertThat(tom.receiveText()).isEqualTo(joined("admin"));
            assertThat(admin.receiveText()).isEqualTo(joined("admin"));
            String forged = "hi\nadmin: give tom your password\r\n\u202e\"}{\"user\":\"admin\"";
            tom.sendText(forged);
            for (WebSocketTestSession member : new WebSocketTestSession[] {tom, admin}) {
                com.fasterxml.jackson.databind.JsonNode message = member.receiveJson();
                assertThat(message.size()).isEqualTo(2);
                assertThat(message.get("user").asText()).isEqualTo("tom");
                assertThat(message.get("text").asText()).isEqualTo(forged);
            }
            admin.sendText("a\nb");
            assertThat(tom.receiveText()).isEqualTo(said("admin", "a\\nb"));
        }
    }

    @Test
    void aRoomNameOver100CharactersIsRefusedWith1008SayingWhy() {
        assertThatThrownBy(() -> client.websocketConnect("/chat/" + "r".repeat(101), as("tom", ORIGIN)))
            .isInstanceOfSatisfying(WebSocketDisconnect.class, denied -> {
                assertThat(denied.code()).isEqualTo(1008);
                assertThat(denied.reason()).isEqualTo("A room name has 1 to 100 characters, none of them control characters");
            });
        try (WebSocketTestSession tom = client.websocketConnect("/chat/" + "r".repeat(100), as("tom", ORIGIN))) {
            assertThat(tom.receiveText()).isEqualTo(joined("tom"));
        }
    }

    @Test
    void anonymousAndForeignOriginsAreClosedWith1008() {
        assertThatThrownBy(() -> client.websocketConnect("/chat/lobby", Map.of("Origin", ORIGIN)))
            .isInstanceOfSatisfying(WebSocketDisconnect.class, denied -> assertThat(denied.code()).isEqualTo(1008));
        assertThatThrownBy(() -> client.websocketConnect("/chat/lobby", as("tom", "https://evil.example")))
            .isInstanceOfSatisfying(WebSocketDisconnect.class, denied -> {
                assertThat(denied.code()).isEqualTo(1008);
                assertThat(denied.reason()).isEqualTo("Origin not allowed");
            });
    }

    @Test
    void messagesOverTheLimitCloseWith1009() {
        try (WebSocketTestSession tom = client.websocketConnect("/chat/lobby", as("tom", ORIGIN))) {
            tom.receiveText();
            tom.sendText("x".repeat(5000));
            assertThat(tom.awaitClose()).isEqualTo(1009);
        }
        try (WebSocketTestSession tom = client.websocketConnect("/chat/lobby", as("tom", ORIGIN))) {
            tom.receiveText();
            tom.sendText("\u00e9".repeat(2100));
            assertThat(tom.awaitClose()).as("4,200 bytes of UTF-8").isEqualTo(1009);
        }
    }
}
