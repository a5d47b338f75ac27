package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.ServerSettings;
import io.nettle.testkit.Body;
import io.nettle.testkit.TestClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiKeyExampleTest {
    private final TestClient client = TestClient.of(ApiKeyExample.app(ServerSettings.defaults()));

    @AfterEach
    void close() {
        client.close();
    }

    private static Map<String, String> key(String key) {
        return Map.of("X-API-Key", key);
    }

    @Test
    void aReadKeyReadsAndAWriteKeyWrites() {
        assertThat(client.get("/items", key(ApiKeyExample.READ_KEY))).hasStatus(200).hasJsonBody("[{\"id\": 1, \"name\": \"kettle\"}]");
        assertThat(client.request("POST", "/items").headers(key(ApiKeyExample.READ_KEY)).body(Body.json(Map.of("name", "x"))).send())
            .hasStatus(403);
        assertThat(client.request("POST", "/items").headers(key(ApiKeyExample.WRITE_KEY)).body(Body.json(Map.of("name", "teapot"))).send())
            .hasStatus(201).hasJsonBody("{\"id\": 2, \"name\": \"teapot\"}");
        assertThat(client.get("/items", key(ApiKeyExample.READ_KEY))).hasJsonBody(
            "[{\"id\": 1, \"name\": \"kettle\"}, {\"id\": 2, \"name\": \"teapot\"}]");
        assertThat(client.request("POST", "/items").headers(key(ApiKeyExample.WRITE_KEY)).body(Body.json(Map.of("name", " "))).send())
            .hasStatus(422);
    }

    @Test
    void noKeyGetsTheChallengeAndAWrongKeyIsA401() {
        assertThat(client.get("/")).hasStatus(200).hasContentType("application/json");
        assertThat(client.get("/items")).hasStatus(401).hasHeader("WWW-Authenticate", "ApiKey header=\"X-API-Key\"");
        assertThat(client.get("/items", key("wrong"))).hasStatus(401).hasJsonBody("{\"error\": \"Invalid API key\"}")
            .hasHeader("WWW-Authenticate", "ApiKey header=\"X-API-Key\"");
    }

    @Test
    void keysHaveTheAuthenticatedScopeWithoutSayingSo() {
        TestClient app = TestClient.of(io.nettle.App.builder().middleware(ApiKeyExample.authentication())
            .route(io.nettle.routing.Route.get("/who", io.nettle.auth.Guard.requires("authenticated",
                io.nettle.routing.Endpoint.sync(request -> io.nettle.http.Response.text(String.valueOf(request.auth().scopes()))))))
            .build());
        try (app) {
            assertThat(app.get("/who", key(ApiKeyExample.READ_KEY))).hasStatus(200).hasBody("[authenticated, items:read]");
        }
    }

    @Test
    void pagesOfAppExampleMayCallTheApiFromABrowser() {
        assertThat(client.request("OPTIONS", "/items").header("Origin", "https://app.example")
            .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "X-API-Key, Content-Type").send())
            .hasStatus(200).hasHeader("Access-Control-Allow-Origin", "https://app.example")
            .hasHeader("Access-Control-Allow-Methods", "GET, POST");
        assertThat(client.request("OPTIONS", "/items").header("Origin", "https://evil.example")
            .header("Access-Control-Request-Method", "GET").send())
            .hasStatus(400).hasBody("Disallowed CORS origin").hasNoHeader("Access-Control-Allow-Origin");

        Map<String, String> fromApp = Map.of("Origin", "https://app.example", "X-API-Key", ApiKeyExample.READ_KEY);
        assertThat(client.get("/items", fromApp)).hasStatus(200).hasHeader("Access-Control-Allow-Origin", "https://app.example");
        assertThat(client.get("/items", Map.of("Origin", "https://app.example"))).as("the guard's 401 reaches the page too")
            .hasStatus(401).hasHeader("Access-Control-Allow-Origin", "https://app.example");
        assertThat(client.get("/items", Map.of("Origin", "https://app.example", "X-API-Key", "wrong")))
            .hasStatus(401).hasHeader("Access-Control-Allow-Origin", "https://app.example");
        assertThat(client.get("/items", Map.of("Origin", "https://evil.example", "X-API-Key", ApiKeyExample.READ_KEY)))
            .hasStatus(200).hasNoHeader("Access-Control-Allow-Origin");
    }
}
