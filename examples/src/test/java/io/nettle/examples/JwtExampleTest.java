package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nettle.ServerSettings;
import io.nettle.testkit.Body;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JwtExampleTest {
    private final TestClient client = TestClient.of(JwtExample.app(ServerSettings.defaults()));

    @AfterEach
    void close() {
        client.close();
    }

    private String token(String username) {
        TestResponse response = client.post("/token", Body.form(Map.of("username", username, "password", "secret")));
        assertThat(response).hasStatus(200);
        JsonNode json = response.json();
        assertThat(json.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(json.get("expires_in").asLong()).isEqualTo(300);
        return json.get("access_token").asText();
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    @Test
    void aTokenCarriesTheUsersScopes() {
        String tom = token("tom");
        assertThat(client.get("/reports", bearer(tom))).hasStatus(200)
            .hasJsonBody("{\"user\": \"tom\", \"reports\": [\"2024-q1\", \"2024-q2\"]}");
        assertThat(client.request("POST", "/reports").headers(bearer(tom)).send()).hasStatus(403);
        assertThat(client.request("POST", "/reports").headers(bearer(token("admin"))).send()).hasStatus(201);
    }

    @Test
    void wrongPasswordsGetNoToken() {
        assertThat(client.post("/token", Body.form(Map.of("username", "tom", "password", "nope"))))
            .hasStatus(401).hasJsonBody("{\"error\": \"invalid_grant\"}");
        assertThat(client.post("/token", Body.form(Map.of("username", "nobody", "password", "secret")))).hasStatus(401);
    }

    @Test
    void badTokensAre401WithAnInvalidTokenChallenge() {
        byte[] otherSecret = "another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);
        String expired = JwtExample.sign(JwtExample.secret(), "tom", "reports:read", Instant.now().minus(Duration.ofHours(1)));
        for (String token : new String[] {"nonsense", expired, JwtExample.sign(otherSecret, "tom", "reports:read", Instant.now())}) {
            assertThat(client.get("/reports", bearer(token))).hasStatus(401)
                .hasHeader("WWW-Authenticate", "Bearer realm=\"nettle\", error=\"invalid_token\", error_description=\"Invalid bearer token\"")
                .hasJsonBody("{\"error\": \"Invalid bearer token\"}");
        }
        assertThat(client.get("/reports", Map.of("Authorization", "Bearer two parts"))).hasStatus(401)
            .hasHeader("WWW-Authenticate", "Bearer realm=\"nettle\", error=\"invalid_request\", error_description=\"Invalid bearer token\"");
    }

    @Test
    void noTokenIs401WithTheBearerChallengeAndAMissingScopeStays403() {
        assertThat(client.get("/reports")).hasStatus(401).hasHeader("WWW-Authenticate", "Bearer realm=\"nettle\"");
        assertThat(client.post("/reports", Body.json(Map.of()))).hasStatus(401).hasHeader("WWW-Authenticate", "Bearer realm=\"nettle\"");
        assertThat(client.request("POST", "/reports").headers(bearer(token("tom"))).send()).hasStatus(403)
            .hasHeader("WWW-Authenticate", "Bearer realm=\"nettle\", error=\"insufficient_scope\", scope=\"reports:write\"");
    }
}
