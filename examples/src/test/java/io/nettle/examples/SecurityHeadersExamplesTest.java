package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.ServerSettings;
import io.nettle.testkit.Body;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The session example and the showcase send the security headers. */
class SecurityHeadersExamplesTest {

    private static void assertSecurityHeaders(TestResponse response) {
        assertThat(response).hasHeader("X-Content-Type-Options", "nosniff")
            .hasHeader("Content-Security-Policy", "frame-ancestors 'none'")
            .hasHeader("X-Frame-Options", "DENY")
            .hasHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    }

    @Test
    void theSessionLoginFormCannotBeFramedAndSignedInPagesAreNotStored() {
        try (TestClient client = TestClient.of(SessionExample.app(ServerSettings.defaults()))) {
            TestResponse form = client.get("/login");
            assertThat(form).hasStatus(200).hasBodyContaining("<form").hasNoHeader("Cache-Control");
            assertSecurityHeaders(form);
            assertSecurityHeaders(client.get("/nowhere"));
            Map<String, String> fields = new java.util.HashMap<>(Map.of("username", "tom", "password", "secret"));
            String page = form.text();
            int token = page.indexOf("name=\"csrf_token\" value=\"");
            if (token >= 0) {   // the form's CSRF token, when the example protects its forms
                int start = token + "name=\"csrf_token\" value=\"".length();
                fields.put("csrf_token", page.substring(start, page.indexOf('"', start)));
            }
            assertThat(client.post("/login", Body.form(fields))).hasStatus(303);
            TestResponse account = client.get("/account");
            assertThat(account).hasStatus(200).hasBodyContaining("You are tom").hasHeader("Cache-Control", "no-store");
            assertSecurityHeaders(account);
        }
    }

    @Test
    void theShowcaseSendsThemOnEveryExample() {
        try (TestClient client = TestClient.of(ShowcaseExample.app(ServerSettings.defaults()))) {
            assertSecurityHeaders(client.get("/"));
            assertThat(client.get("/static/showcase.css")).as("the app's own Cache-Control is kept").hasHeader("Cache-Control", "no-cache");
            assertSecurityHeaders(client.get("/hello/"));
            assertSecurityHeaders(client.get("/session/login"));
            TestResponse dashboard = client.get("/auth/dashboard", Map.of("Authorization",
                DemoLogin.basic("tom:secret")));
            assertThat(dashboard).hasStatus(200).hasHeader("Cache-Control", "no-store");
            assertSecurityHeaders(dashboard);
            assertThat(client.get("/hello/")).hasNoHeader("Cache-Control");
        }
    }
}
