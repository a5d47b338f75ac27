package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.ServerSettings;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.WebSocketTestSession;
import io.nettle.websocket.WebSocketDisconnect;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The README's authentication example: its contract with curl and browsers. */
class AuthExampleTest {
    private static final String CHALLENGE = "Basic realm=\"nettle\", charset=\"UTF-8\"";
    private final TestClient client = TestClient.of(AuthExample.app(ServerSettings.defaults()));

    @AfterEach
    void close() {
        client.close();
    }

    private static Map<String, String> basic(String credentials) {
        return Map.of("Authorization", DemoLogin.basic(credentials));
    }

    @Test
    void aWrongPasswordGets401WithTheBasicChallenge() {
        assertThat(client.get("/dashboard", basic("tom:wrong"))).hasStatus(401).hasHeader("WWW-Authenticate", CHALLENGE);
        assertThat(client.get("/dashboard", basic("nobody:secret"))).hasStatus(401).hasHeader("WWW-Authenticate", CHALLENGE);
        assertThat(client.get("/dashboard").header("WWW-Authenticate")).hasValueSatisfying(
            challenge -> assertThat(challenge).startsWith("Basic "));
    }

    @Test
    void noCredentialsGet401WithTheChallengeSoThatABrowserAsks() {
        assertThat(client.get("/dashboard")).hasStatus(401).hasHeader("WWW-Authenticate", CHALLENGE);
        assertThat(client.get("/dashboard", basic("tom:secret"))).hasStatus(200).hasBody("dashboard");
        assertThat(client.get("/", basic("tom:wrong"))).as("unguarded routes are not challenged").hasStatus(200).hasBody("Hello, you");
    }

    @Test
    void aMissingScopeStaysHiddenAndTheRedirectStays() {
        assertThat(client.get("/admin", basic("tom:secret"))).hasStatus(404).hasNoHeader("WWW-Authenticate");
        assertThat(client.get("/admin")).hasStatus(404).hasNoHeader("WWW-Authenticate");
        assertThat(client.get("/admin", basic("admin:secret"))).hasStatus(200).hasBody("admin");
        assertThat(client.get("/account")).hasStatus(303).hasNoHeader("WWW-Authenticate");
        assertThat(client.get("/account", basic("tom:secret"))).hasStatus(200).hasBody("account of tom");
    }

    @Test
    void theWebSocketKeepsItsCloseCodes() {
        assertThatThrownBy(() -> client.websocketConnect("/ws"))
            .isInstanceOfSatisfying(WebSocketDisconnect.class, denied -> assertThat(denied.code()).isEqualTo(1008));
        assertThatThrownBy(() -> client.websocketConnect("/ws", basic("tom:wrong")))
            .isInstanceOfSatisfying(WebSocketDisconnect.class, denied -> assertThat(denied.code()).isEqualTo(1008));
        try (WebSocketTestSession tom = client.websocketConnect("/ws", basic("tom:secret"))) {
            tom.sendText("hi");
            assertThat(tom.receiveText()).isEqualTo("tom: hi");
        }
    }
}
