package io.nettle.middleware;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.Body;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.Wire;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link CsrfMiddleware} on every protocol: the origin check, the signed double-submit token, and who is exempt. */
@OnEveryProtocol
class CsrfMiddlewareTest {
    private static final String KEY = "c".repeat(32) + "-csrf-test";

    private final Wire wire;

    CsrfMiddlewareTest(Wire wire) {
        this.wire = wire;
    }

    private TestClient client(CsrfMiddleware csrf) {
        App app = App.builder()
            .middleware(csrf)
            .route(Route.get("/form", Endpoint.sync(request -> Response.html("<form method=post>" + CsrfMiddleware.formField(request)
                + "<input name=name></form>"))))
            .route(Route.post("/submit", request -> request.form().thenApply(form -> Response.text("saved " + form.get("name").orElse("")))))
            .route(Route.post("/api", Endpoint.sync(request -> Response.text("done"))))
            .build();
        return TestClient.of(app, wire);
    }

    private static CsrfMiddleware csrf() {
        return CsrfMiddleware.builder().secretKey(KEY).build();
    }

    /** The token the form page carries (and whose cookie the client now keeps). */
    private static String token(TestClient client) {
        String page = client.get("/form").text();
        int at = page.indexOf("value=\"") + 7;
        return page.substring(at, page.indexOf('"', at));
    }

    private static Body form(String token, String name) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (token != null) {
            fields.put("csrf_token", token);
        }
        fields.put("name", name);
        return Body.form(fields);
    }

    @Test
    void aFormWithItsTokenIsAcceptedAndOneWithoutIsRefused() {
        try (TestClient client = client(csrf())) {
            String token = token(client);
            assertThat(client.cookies()).containsEntry("csrftoken", token);
            assertThat(client.post("/submit", form(token, "ada"))).hasStatus(200).hasBody("saved ada");
            assertThat(client.post("/submit", form(null, "eve"))).hasStatus(403).hasBodyContaining("CSRF token missing");
            assertThat(client.post("/submit", form(token + "x", "eve"))).hasStatus(403).hasBodyContaining("CSRF token missing or invalid");
            assertThat(client.request("POST", "/api").header("X-CSRF-Token", token).send()).as("the header, for fetch").hasStatus(200);
            assertThat(client.request("DELETE", "/api").send()).hasStatus(403);
        }
    }

    @Test
    void aTokenIsNeededBeforeThereIsASessionLoginFormsToo() {
        try (TestClient client = client(csrf())) {
            assertThat(client.post("/submit", form("anything", "eve"))).as("no cookie yet").hasStatus(403);
            client.cookie("csrftoken", "forged.value");
            assertThat(client.post("/submit", form("forged.value", "eve"))).as("a planted, unsigned cookie").hasStatus(403);
        }
    }

    @Test
    void anotherOriginIsRefusedEvenWithTheToken() {
        try (TestClient client = client(CsrfMiddleware.builder().secretKey(KEY).trustedOrigins("https://app.example").build())) {
            String token = token(client);
            assertThat(client.request("POST", "/submit").body(form(token, "x")).header("Origin", "https://evil.example").send())
                .hasStatus(403).hasBodyContaining("Cross-site request refused (Origin https://evil.example)");
            assertThat(client.request("POST", "/submit").body(form(token, "x")).header("Origin", "null").send()).hasStatus(403);
            assertThat(client.request("POST", "/submit").body(form(token, "x")).header("Sec-Fetch-Site", "cross-site").send())
                .hasStatus(403);
            assertThat(client.request("POST", "/submit").body(form(token, "x")).header("Origin", "http://testserver").send())
                .as("its own origin").hasStatus(200);
            assertThat(client.request("POST", "/submit").body(form(token, "x")).header("Origin", "https://app.example").send())
                .as("a trusted origin").hasStatus(200);
        }
    }

    @Test
    void requestsAuthenticatedByAHeaderAreExemptButBasicIsNot() {
        try (TestClient client = client(csrf())) {
            assertThat(client.request("POST", "/api").header("Authorization", "Bearer abc").send()).hasStatus(200);
            assertThat(client.request("POST", "/api").header("X-API-Key", "k").send()).hasStatus(200);
            assertThat(client.request("POST", "/api").header("Authorization", "Basic dG9tOnNlY3JldA==").send()).hasStatus(403);
            TestResponse safe = client.get("/form");
            assertThat(safe).as("safe methods are never checked").hasStatus(200);
        }
    }

    @Test
    void theTokenCookieIsSetOnceAndReadableByThePage() {
        try (TestClient client = client(csrf())) {
            TestResponse first = client.get("/form");
            assertThat(first.header("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .startsWith("csrftoken=").contains("SameSite=Lax").doesNotContain("HttpOnly"));
            assertThat(client.get("/form")).as("the cookie kept: nothing new to set").hasNoHeader("Set-Cookie");
        }
    }
}
