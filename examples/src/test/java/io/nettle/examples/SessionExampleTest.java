package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.ServerSettings;
import io.nettle.testkit.Body;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionExampleTest {
    private final TestClient client = TestClient.of(SessionExample.app(ServerSettings.defaults()));

    @AfterEach
    void close() {
        client.close();
    }

    /** The CSRF token of the login form {@code client} is served (and whose cookie it keeps). */
    static String token(TestClient client, String loginPath, Map<String, String> headers) {
        String page = client.get(loginPath, headers).text();
        int field = page.indexOf("name=\"csrf_token\" value=\"");
        assertThat(field).as("the form carries a CSRF token").isNotNegative();
        int start = field + "name=\"csrf_token\" value=\"".length();
        return page.substring(start, page.indexOf('"', start));
    }

    private Body form(String username, String password) {
        return Body.form(Map.of("username", username, "password", password, "csrf_token", token(client, "/login", Map.of())));
    }

    private Body credentials(String password) {
        return form("tom", password);
    }

    @Test
    void theAccountAsksForALoginThenReturnsToNext() {
        assertThat(client.get("/account?tab=2"))
            .redirectsTo(303, "http://testserver/login?next=http%3A%2F%2Ftestserver%2Faccount%3Ftab%3D2");
        TestResponse form = client.get("/login?next=http%3A%2F%2Ftestserver%2Faccount%3Ftab%3D2");
        assertThat(form).hasStatus(200).hasContentType("text/html").hasBodyContaining("<form method=\"post\">");

        assertThat(client.post("/login?next=http%3A%2F%2Ftestserver%2Faccount%3Ftab%3D2", credentials("secret")))
            .redirectsTo(303, "/account?tab=2");
        assertThat(client.cookies()).containsKey("session");
        assertThat(client.get("/account")).hasStatus(200).hasBodyContaining("You are tom, with the scopes authenticated.");
        assertThat(client.get("/")).hasBodyContaining("Signed in as tom");
    }

    @Test
    void aWrongPasswordShowsTheFormAgain() {
        assertThat(client.post("/login", credentials("wrong"))).hasStatus(401).hasBodyContaining("Wrong username or password");
        assertThat(client.cookies()).doesNotContainKey("session");
        assertThat(client.get("/account")).hasStatus(303);
    }

    @Test
    void aWrongPasswordKeepsTheUsernameTypedEscaped() {
        assertThat(client.get("/login")).hasBodyContaining("name=\"username\" autocomplete=\"username\" value=\"tom\"");
        assertThat(client.post("/login", form("admin", "wrong")))
            .hasStatus(401).hasBodyContaining("value=\"admin\"");
        assertThat(client.post("/login", form("\"><script>x</script>", "wrong")))
            .hasStatus(401).hasBodyContaining("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\"");
    }

    @Test
    void nextNeverLeavesTheSiteAndDefaultsToTheAccount() {
        assertThat(client.post("/login?next=https%3A%2F%2Fevil.example%2F", credentials("secret")))
            .redirectsTo(303, "http://testserver/account");
        assertThat(client.post("/login?next=%2F%2Fevil.example", credentials("secret")))
            .redirectsTo(303, "http://testserver/account");
    }

    @Test
    void behindATrustedProxyTheLoginRoundTripStaysOnHttps() {
        Map<String, String> proxy = Map.of("Host", "app.example", "X-Forwarded-Proto", "https");
        ServerSettings settings = Arguments.parse(new String[] {"session", "--trusted-proxy", "127.0.0.1"}).settings();
        try (TestClient proxied = TestClient.of(SessionExample.app(settings))) {
            assertThat(proxied.get("/account", proxy))
                .redirectsTo(303, "https://app.example/login?next=https%3A%2F%2Fapp.example%2Faccount");
            Body login = Body.form(Map.of("username", "tom", "password", "secret", "csrf_token", token(proxied, "/login", proxy)));
            assertThat(proxied.request("POST", "/login").query("next", "https://app.example/account").headers(proxy)
                .body(login).send()).redirectsTo(303, "/account");
            assertThat(proxied.request("POST", "/login").headers(proxy).body(login).send())
                .redirectsTo(303, "https://app.example/account");
        }
    }

    @Test
    void logoutClearsTheSession() {
        client.post("/login", credentials("secret"));
        assertThat(client.get("/account")).hasStatus(200);
        TestResponse logout = client.post("/logout", Body.form(Map.of("csrf_token", token(client, "/login", Map.of()))));
        assertThat(logout).redirectsTo(303, "http://testserver/login");
        assertThat(logout.header("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie).startsWith("session=;"));
        assertThat(client.get("/account")).hasStatus(303);
    }

    @Test
    void aLoginWithoutTheTokenOrFromAnotherOriginIs403() {
        assertThat(client.post("/login", Body.form(Map.of("username", "tom", "password", "secret")))).hasStatus(403)
            .hasBodyContaining("CSRF token missing");
        assertThat(client.request("POST", "/login").header("Origin", "https://evil.example").body(credentials("secret")).send())
            .hasStatus(403).hasBodyContaining("Cross-site request refused");
        assertThat(client.cookies()).doesNotContainKey("session");
    }

    @Test
    void tenWrongPasswordsInARowGet429WithRetryAfter() {
        Map<String, String> fields = Map.of("username", "admin", "password", "wrong", "csrf_token", token(client, "/login", Map.of()));
        for (int i = 1; i <= 9; i++) {
            assertThat(client.post("/login", Body.form(fields))).as("wrong password " + i).hasStatus(401);
        }
        TestResponse tenth = client.post("/login", Body.form(fields));
        assertThat(tenth).hasStatus(429);
        assertThat(tenth.header("Retry-After")).hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 900));
    }

    @Test
    void aLogoutRevokesEveryCopyOfTheSessionCookie() {
        client.post("/login", credentials("secret"));
        String copy = client.cookies().get("session");
        client.post("/logout", Body.form(Map.of("csrf_token", token(client, "/login", Map.of()))));
        client.cookie("session", copy);
        assertThat(client.get("/account")).as("the copy taken before the logout").hasStatus(303);
    }

    @Test
    void aForgedCookieIsNoSession() {
        client.cookie("session", "eyJ1c2VyIjp7InVzZXJuYW1lIjoiYWRtaW4ifX0.forged");
        assertThat(client.get("/account")).hasStatus(303);
    }
}
