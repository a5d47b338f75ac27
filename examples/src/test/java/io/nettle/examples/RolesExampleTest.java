package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.ServerSettings;
import io.nettle.testkit.TestClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RolesExampleTest {
    private final TestClient client = TestClient.of(RolesExample.app(ServerSettings.defaults()));

    @AfterEach
    void close() {
        client.close();
    }

    private static Map<String, String> as(String user) {
        return Map.of("Authorization", "Basic "
            + Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void endpointsReadTheUserClassBack() {
        assertThat(client.get("/me", as("ann"))).hasStatus(200)
            .hasJsonBody("{\"name\": \"ann\", \"email\": \"ann@example.com\", \"roles\": [\"editor\"]}");
        assertThat(client.get("/me")).hasStatus(403);
    }

    @Test
    void requiresUserTestsTheRoles() {
        assertThat(client.get("/drafts", as("ann"))).hasStatus(200).hasJsonBody("[\"Nettle 1.0\"]");
        assertThat(client.get("/drafts", as("root"))).hasStatus(200);
        assertThat(client.get("/drafts", as("bob"))).hasStatus(403);
        assertThat(client.get("/drafts")).hasStatus(403);
    }

    @Test
    void requiresAnnotationsGuardTheClassBasedEndpoint() {
        assertThat(client.get("/articles", as("bob"))).hasStatus(200).hasJsonBody("[\"Hello, Nettle\"]");
        assertThat(client.get("/articles")).hasStatus(403);
        assertThat(client.delete("/articles")).hasStatus(404);
        assertThat(client.request("DELETE", "/articles").headers(as("ann")).send()).hasStatus(404);
        assertThat(client.request("DELETE", "/articles").headers(as("root")).send()).hasStatus(204);
    }
}
