package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.ServerSettings;
import io.nettle.testkit.TestClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorsExampleTest {
    private static final String CHALLENGE = "Basic realm=\"nettle\", charset=\"UTF-8\"";
    private final TestClient client = TestClient.of(ErrorsExample.app(ServerSettings.defaults()));

    @AfterEach
    void close() {
        client.close();
    }

    private static Map<String, String> basic(String credentials) {
        return Map.of("Authorization", DemoLogin.basic(credentials));
    }

    @Test
    void badCredentialsGetTheOnErrorResponse() {
        assertThat(client.get("/", Map.of("Authorization", "Basic !!!"))).hasStatus(401)
            .hasHeader("WWW-Authenticate", CHALLENGE)
            .hasJsonBody("{\"error\": \"Invalid basic auth credentials\"}");
    }

    @Test
    void guardsAndRoutingAnswerInJson() {
        assertThat(client.get("/private")).hasStatus(401).hasHeader("WWW-Authenticate", CHALLENGE)
            .hasJsonBody("{\"error\": \"Unauthorized\"}");
        assertThat(client.get("/private", basic("tom:wrong"))).hasStatus(401).hasHeader("WWW-Authenticate", CHALLENGE)
            .hasJsonBody("{\"error\": \"Unauthorized\"}");
        assertThat(client.get("/admin")).as("a guard without challenge() keeps its 403").hasStatus(403).hasNoHeader("WWW-Authenticate");
        assertThat(client.get("/private", basic("tom:secret"))).hasStatus(200).hasJsonBody("{\"user\": \"tom\"}");
        assertThat(client.get("/admin", basic("tom:secret"))).hasStatus(403).hasJsonBody("{\"error\": \"Forbidden\"}");
        assertThat(client.get("/admin", basic("admin:secret"))).hasStatus(200);
        assertThat(client.get("/nowhere")).hasStatus(404).hasContentType("application/json")
            .hasJsonBody("{\"error\": \"Not Found\", \"path\": \"/nowhere\"}");
    }
}
