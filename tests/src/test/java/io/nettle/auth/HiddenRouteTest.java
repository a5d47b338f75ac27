package io.nettle.auth;

import static io.nettle.auth.Guard.requires;
import static io.nettle.auth.TestBackends.HEADERS;
import static io.nettle.auth.TestBackends.as;
import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.App;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Mount;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A guard answering 404 hides its route: no 405 for other methods, no slash redirect, for those it denies. */
@OnEveryProtocol
class HiddenRouteTest {
    private static final Endpoint OK = Endpoint.sync(request -> Response.text("ok " + request.user().displayName()));
    private final Wire wire;

    HiddenRouteTest(Wire wire) {
        this.wire = wire;
    }

    private void assertHiddenFromTomButNotFromAdmin(TestClient client, String path) {
        Map<String, String> tom = as("tom", "");
        Map<String, String> admin = as("admin", "admin");
        for (Map<String, String> who : java.util.List.of(Map.<String, String>of(), tom)) {
            assertThat(client.get(path, who)).hasStatus(404).hasNoHeader("Allow");
            assertThat(client.request("HEAD", path).headers(who).send()).hasStatus(404);
            for (String method : new String[] {"POST", "DELETE", "PUT", "OPTIONS", "FOO"}) {
                assertThat(client.request(method, path).headers(who).send()).as(method).hasStatus(404).hasNoHeader("Allow");
            }
            assertThat(client.get(path + "/", who)).hasStatus(404).hasNoHeader("Location");
            assertThat(client.get(path + "//?x=1", who)).hasStatus(404).hasNoHeader("Location");
        }
        assertThat(client.get(path, admin)).hasStatus(200).hasBody("ok admin");
        assertThat(client.request("POST", path).headers(admin).send()).hasStatus(405).hasHeader("Allow", "GET, HEAD");
        assertThat(client.request("DELETE", path).headers(admin).send()).hasStatus(405).hasHeader("Allow", "GET, HEAD");
        assertThat(client.get(path + "/", admin)).hasStatus(307).hasHeader("Location", "http://testserver" + path);
    }

    @Test
    void aRouteHiddenByItsGuardIsHiddenForEveryMethodAndItsSlashForm() {
        App app = App.builder()
            .route(Route.get("/admin", requires("authenticated", "admin").status(404).wrap(OK)))
            .route(Route.get("/open", OK))
            .middleware(new AuthenticationMiddleware(HEADERS))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertHiddenFromTomButNotFromAdmin(client, "/admin");
            assertThat(client.request("POST", "/open").send()).as("routes without a hiding guard are unchanged")
                .hasStatus(405).hasHeader("Allow", "GET, HEAD");
            assertThat(client.get("/open/")).hasStatus(307);
        }
    }

    @Test
    void theGuardIsAskedBehindTheMountsMiddleware() {
        App app = App.builder()
            .route(Mount.of("/area", Route.get("/admin", requires("authenticated", "admin").status(404).wrap(OK)))
                .middleware(new AuthenticationMiddleware(HEADERS)))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertHiddenFromTomButNotFromAdmin(client, "/area/admin");
        }
    }

    @Test
    void aPathWithAMethodTheClientMaySeeIsNotHidden() {
        App app = App.builder()
            .route(Route.get("/items", OK))
            .route(Route.delete("/items", requires("admin").status(404).wrap(OK)))
            .route(Route.get("/both", requires("admin").status(404).wrap(OK)))
            .route(Route.delete("/both", requires("authenticated").status(404).wrap(OK)))
            .middleware(new AuthenticationMiddleware(HEADERS))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            Map<String, String> tom = as("tom", "");
            assertThat(client.get("/items", tom)).hasStatus(200);
            assertThat(client.request("DELETE", "/items").headers(tom).send()).hasStatus(404);
            assertThat(client.request("POST", "/items").headers(tom).send()).as("GET shows the path anyway")
                .hasStatus(405).hasHeader("Allow", "GET, HEAD, DELETE");
            assertThat(client.get("/items/", tom)).hasStatus(307);

            assertThat(client.request("POST", "/both").send()).as("hidden by both its guards").hasStatus(404);
            assertThat(client.get("/both/")).hasStatus(404);
            assertThat(client.request("DELETE", "/both").headers(tom).send()).hasStatus(200);
            assertThat(client.request("POST", "/both").headers(tom).send()).as("tom may DELETE: not hidden from him")
                .hasStatus(405);
            assertThat(client.get("/both/", tom)).hasStatus(307);
        }
    }

    @Test
    void otherStatusesAndRedirectsDoNotHide() {
        App app = App.builder()
            .route(Route.get("/login", OK).name("login"))
            .route(Route.get("/staff", requires("admin").wrap(OK)))
            .route(Route.get("/account", requires("authenticated").redirect("login").wrap(OK)))
            .route(Route.get("/inner", requires("authenticated").wrap(requires("admin").status(404).wrap(OK))))
            .middleware(new AuthenticationMiddleware(HEADERS))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.request("POST", "/staff").send()).hasStatus(405);
            assertThat(client.get("/staff/")).hasStatus(307);
            assertThat(client.request("POST", "/account").send()).hasStatus(405);
            assertThat(client.request("POST", "/inner").send()).as("the outer guard denies with 403: not hidden").hasStatus(405);
            assertThat(client.request("POST", "/inner").headers(as("tom", "")).send()).as("the inner guard hides it from tom")
                .hasStatus(404);
            assertThat(client.request("POST", "/inner").headers(as("admin", "admin")).send()).hasStatus(405);
        }
    }
}
