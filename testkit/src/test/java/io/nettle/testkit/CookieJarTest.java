package io.nettle.testkit;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.App;
import io.nettle.http.Cookie;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class CookieJarTest {
    private static final App APP = App.builder()
        .route(Route.get("/login", Endpoint.sync(r -> Response.text("in")
            .withCookie(Cookie.of("session", "s1").httpOnly(true)).withCookie(Cookie.of("theme", "dark")))))
        .route(Route.get("/whoami", Endpoint.sync(r -> Response.json(r.cookies()))))
        .route(Route.get("/logout", Endpoint.sync(r -> Response.text("out").deleteCookie("session"))))
        .build();

    @Test
    void theClientKeepsCookiesAcrossRequests() {
        try (TestClient client = TestClient.of(APP)) {
            assertThat(client.get("/whoami")).hasJsonBody("{}");
            assertThat(client.get("/login")).setsCookie("session", "s1").setsCookie("theme", "dark");
            Assertions.assertThat(client.cookies()).isEqualTo(Map.of("session", "s1", "theme", "dark"));
            assertThat(client.get("/whoami")).hasJsonBody("{\"session\": \"s1\", \"theme\": \"dark\"}");
        }
    }

    @Test
    void deleteCookieRemovesItFromTheJar() {
        try (TestClient client = TestClient.of(APP)) {
            client.get("/login");
            assertThat(client.get("/logout")).hasStatus(200);
            Assertions.assertThat(client.cookies()).isEqualTo(Map.of("theme", "dark"));
            assertThat(client.get("/whoami")).hasJsonBody("{\"theme\": \"dark\"}");
        }
    }

    @Test
    void cookiesCanBeSetAndClearedByTheTest() {
        try (TestClient client = TestClient.of(APP)) {
            client.cookie("a", "1");
            assertThat(client.get("/whoami")).hasJsonBody("{\"a\": \"1\"}");
            client.clearCookies();
            assertThat(client.get("/whoami")).hasJsonBody("{}");
        }
    }
}
