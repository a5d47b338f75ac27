package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.ServerSettings;
import io.nettle.testkit.Body;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.WebSocketTestSession;
import io.nettle.websocket.WebSocketDisconnect;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The showcase serves every mountable example under its name, each with its own middleware. */
class ShowcaseExampleTest {
    private final TestClient client = TestClient.of(ShowcaseExample.app(ServerSettings.defaults()));

    @AfterEach
    void close() {
        client.close();
    }

    private static Map<String, String> basic(String user) {
        return Map.of("Authorization", DemoLogin.basic(user + ":secret"));
    }

    @Test
    void isTheDefaultAndListsEveryMountableExample() {
        assertThat(Main.DEFAULT).isEqualTo("showcase");
        TestResponse index = client.get("/");
        assertThat(index).hasStatus(200).hasContentType("text/html");
        Main.examples().keySet().stream().filter(name -> !Set.of("showcase", "parity", "bench").contains(name)).forEach(name -> {
            assertThat(index.text()).contains("<a href=\"/" + name + "/\">");
            assertThat(client.get("/" + name + "/").status()).as(name).isIn(200, 401);
        });
        assertThat(index.text()).contains("curl -u tom:secret http://testserver/auth/dashboard", "$(curl -s -d username=tom")
            .doesNotContain("/parity/", "/bench/");
    }

    @Test
    void theIndexHasItsStylesheetAndScriptFromTheClassPath() {
        assertThat(client.get("/").text()).contains("<link rel=\"stylesheet\" href=\"/static/showcase.css\">",
            "<script src=\"/static/showcase.js\" defer></script>", "<span id=\"count\">").doesNotContain("<style>");
        TestResponse css = client.get("/static/showcase.css");
        assertThat(css).hasStatus(200).hasContentType("text/css; charset=utf-8").hasHeader("Cache-Control", "no-cache")
            .hasBodyContaining("background: #f4f4f4");
        assertThat(client.get("/static/showcase.css", Map.of("If-None-Match", css.header("ETag").orElseThrow()))).hasStatus(304);
        assertThat(client.get("/static/showcase.js")).hasStatus(200).hasContentType("text/javascript; charset=utf-8")
            .hasBodyContaining("getElementById(\"count\")");
        assertThat(client.get("/static/nothing.js")).hasStatus(404).hasJsonBody("{\"error\": \"Not Found\", \"path\": \"/static/nothing.js\"}");
    }

    @Test
    void eachExampleWorksUnderItsPrefix() {
        assertThat(client.get("/hello/")).hasBody("Hello, World!");
        assertThat(client.get("/hello/hello/Ada")).hasJsonBody(
            "{\"greeting\": \"Hello, Ada!\", \"self\": \"http://testserver/hello/hello/Ada\"}");
        assertThat(client.get("/auth/dashboard", basic("tom"))).hasStatus(200).hasBody("dashboard");
        assertThat(client.get("/auth/account")).redirectsTo(303, "http://testserver/auth/?next=http%3A%2F%2Ftestserver%2Fauth%2Faccount");
        assertThat(client.get("/apikey/items", Map.of("X-API-Key", ApiKeyExample.READ_KEY))).hasStatus(200);
        assertThat(client.get("/multi/app/whoami", basic("tom"))).hasStatus(200);
        assertThat(client.get("/roles/drafts", basic("ann"))).hasStatus(200);
        assertThat(client.get("/files/static/showcase.css")).hasStatus(200).hasContentType("text/css");
        assertThat(client.get("/events/", basic("tom"))).hasStatus(200).hasBodyContaining("new EventSource(url)");
        assertThat(client.get("/events/events")).hasStatus(403).hasJsonBody("{\"error\": \"Forbidden\"}");
        String token = client.post("/jwt/token", Body.form(Map.of("username", "tom", "password", "secret"))).json()
            .get("access_token").asText();
        assertThat(client.get("/jwt/reports", Map.of("Authorization", "Bearer " + token))).hasStatus(200);
        try (WebSocketTestSession echo = client.websocketConnect("/echo/ws")) {
            assertThat(echo.sendText("hi").receiveText()).isEqualTo("hi");
        }
        Map<String, String> browser = new HashMap<>(basic("tom"));
        browser.put("Origin", "http://127.0.0.1:8000");   // the chat's default allowed origin
        try (WebSocketTestSession chat = client.websocketConnect("/chat/chat/lobby", browser)) {
            assertThat(chat.receiveText()).isEqualTo("{\"user\":\"tom\",\"event\":\"joined\"}");
        }
        browser.put("Origin", "http://testserver");       // what the TestClient sends unless told
        assertThatThrownBy(() -> client.websocketConnect("/chat/chat/lobby", browser))
            .isInstanceOfSatisfying(WebSocketDisconnect.class, denied -> assertThat(denied.code()).isEqualTo(1008));
    }

    @Test
    void theSessionLoginRedirectsWithinItsPrefix() {
        assertThat(client.get("/session/account"))
            .redirectsTo(303, "http://testserver/session/login?next=http%3A%2F%2Ftestserver%2Fsession%2Faccount");
        String token = SessionExampleTest.token(client, "/session/login", Map.of());
        assertThat(client.post("/session/login?next=%2Fsession%2Faccount",
            Body.form(Map.of("username", "tom", "password", "secret", "csrf_token", token))))
            .redirectsTo(303, "/session/account");
        assertThat(client.get("/session/account")).hasStatus(200).hasBodyContaining("You are tom");
    }

    @Test
    void middlewareStaysWithItsExampleWhileExceptionHandlersAreAppWide() {
        // Basic credentials mean nothing to the API-key part: its middleware alone authenticates it.
        assertThat(client.get("/apikey/items", basic("tom"))).hasStatus(401).hasJsonBody("{\"error\": \"Unauthorized\"}")
            .hasHeader("WWW-Authenticate", "ApiKey header=\"X-API-Key\"");
        assertThat(client.get("/auth/dashboard")).hasStatus(401).hasJsonBody("{\"error\": \"Unauthorized\"}")
            .hasHeader("WWW-Authenticate", "Basic realm=\"nettle\", charset=\"UTF-8\"");
        assertThat(client.get("/errors/admin", basic("tom"))).hasStatus(403).hasJsonBody("{\"error\": \"Forbidden\"}");
        assertThat(client.get("/nowhere")).hasStatus(404).hasJsonBody("{\"error\": \"Not Found\", \"path\": \"/nowhere\"}");
        assertThat(client.get("/errors/private")).hasStatus(401).hasHeader("WWW-Authenticate", "Basic realm=\"nettle\", charset=\"UTF-8\"");
        assertThatThrownBy(() -> client.websocketConnect("/auth/ws"))
            .isInstanceOfSatisfying(WebSocketDisconnect.class, denied -> assertThat(denied.code()).isEqualTo(1008));
    }

    @Test
    void theApiKeyExamplesCorsWorksUnderItsPrefixAndOnlyThere() {
        assertThat(client.request("OPTIONS", "/apikey/items").header("Origin", "https://app.example")
            .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "X-API-Key").send())
            .hasStatus(200).hasHeader("Access-Control-Allow-Origin", "https://app.example");
        assertThat(client.request("OPTIONS", "/apikey/items").header("Origin", "https://evil.example")
            .header("Access-Control-Request-Method", "GET").send())
            .hasStatus(400).hasBody("Disallowed CORS origin");
        TestResponse items = client.get("/apikey/items", Map.of("Origin", "https://app.example", "X-API-Key", ApiKeyExample.READ_KEY,
            "Accept-Encoding", "gzip"));
        assertThat(items).hasStatus(200).hasHeader("Access-Control-Allow-Origin", "https://app.example");
        assertThat(items.headers().getAll("Vary")).anySatisfy(vary -> assertThat(vary).contains("Origin"));
        assertThat(client.get("/apikey/items", Map.of("Origin", "https://app.example"))).hasStatus(401)
            .hasJsonBody("{\"error\": \"Unauthorized\"}").hasHeader("Access-Control-Allow-Origin", "https://app.example");
        // The other examples are not concerned.
        assertThat(client.request("OPTIONS", "/auth/dashboard").header("Origin", "https://app.example")
            .header("Access-Control-Request-Method", "GET").send()).hasStatus(405).hasNoHeader("Access-Control-Allow-Origin");
        assertThat(client.get("/hello/", Map.of("Origin", "https://app.example"))).hasStatus(200).hasNoHeader("Access-Control-Allow-Origin");
    }
}
