package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.ServerSettings;
import io.nettle.testkit.TestClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MultiExampleTest {
    private final TestClient client = TestClient.of(MultiExample.app(ServerSettings.defaults()));

    @AfterEach
    void close() {
        client.close();
    }

    private static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic "
            + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theApiTakesApiKeysOnly() {
        assertThat(client.get("/api/whoami", Map.of("X-API-Key", ApiKeyExample.READ_KEY)))
            .hasStatus(200).hasJsonBody("{\"user\": \"reader\", \"via\": \"api key\"}");
        assertThat(client.get("/api/whoami", basic("tom", "secret"))).hasStatus(403);
        assertThat(client.get("/api/whoami", Map.of("X-API-Key", "wrong"))).hasStatus(400).hasBody("Invalid API key");
    }

    @Test
    void theAppTakesABearerTokenOrBasic() {
        String token = JwtExample.sign(JwtExample.secret(), "tom", "reports:read", Instant.now());
        assertThat(client.get("/app/whoami", Map.of("Authorization", "Bearer " + token)))
            .hasStatus(200).hasJsonBody("{\"user\": \"tom\", \"scopes\": [\"authenticated\", \"reports:read\"]}");
        assertThat(client.get("/app/whoami", basic("admin", "secret")))
            .hasStatus(200).hasJsonBody("{\"user\": \"admin\", \"scopes\": [\"authenticated\", \"admin\"]}");
        assertThat(client.get("/app/whoami", basic("tom", "wrong"))).hasStatus(403);
        assertThat(client.get("/app/whoami", Map.of("Authorization", "Bearer forged"))).hasStatus(400);
        assertThat(client.get("/app/whoami", Map.of("X-API-Key", ApiKeyExample.READ_KEY))).hasStatus(403);
    }

    @Test
    void theIndexIsPublic() {
        assertThat(client.get("/")).hasStatus(200).hasBodyContaining("/api");
    }
}
