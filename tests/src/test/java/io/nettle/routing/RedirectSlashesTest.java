package io.nettle.routing;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.App;
import io.nettle.http.Response;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.Wire;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * {@code redirectSlashes}, as Starlette does it: a path that matches nothing but matches with all
 * its trailing slashes removed, or with one slash added, gets a 307 to that form, on the
 * request's own origin, query kept.
 */
@OnEveryProtocol
class RedirectSlashesTest {
    private final Wire wire;

    RedirectSlashesTest(Wire wire) {
        this.wire = wire;
    }

    private static final String ORIGIN = TestClient.BASE_URL;

    private static Endpoint text(String body) {
        return Endpoint.sync(request -> Response.text(body));
    }

    private TestClient client(Route... routes) {
        return TestClient.of(App.builder().route(routes).build(), wire);
    }

    @Test
    void oneOrMoreExtraTrailingSlashesRedirectToThePathWithoutThem() {
        try (TestClient client = client(Route.get("/dashboard", text("dashboard")))) {
            assertThat(client.get("/dashboard/")).redirectsTo(307, ORIGIN + "/dashboard");
            assertThat(client.get("/dashboard//")).redirectsTo(307, ORIGIN + "/dashboard");
            assertThat(client.get("/dashboard///")).redirectsTo(307, ORIGIN + "/dashboard");
        }
    }

    @Test
    void theQueryIsKeptAsSent() {
        try (TestClient client = client(Route.get("/dashboard", text("dashboard")), Route.get("/docs/", text("docs")))) {
            assertThat(client.get("/dashboard//?tab=a%20b&x=1")).redirectsTo(307, ORIGIN + "/dashboard?tab=a%20b&x=1");
            assertThat(client.get("/docs?q=%2F")).redirectsTo(307, ORIGIN + "/docs/?q=%2F");
        }
    }

    @Test
    void aMissingTrailingSlashIsAddedWhenOnlyThatFormIsARoute() {
        try (TestClient client = client(Route.get("/x/", text("x")))) {
            assertThat(client.get("/x")).redirectsTo(307, ORIGIN + "/x/");
            assertThat(client.get("/x/")).hasStatus(200).hasBody("x");
        }
    }

    @Test
    void thePathIsRedirectedAsSentPercentEncodingKept() {
        try (TestClient client = client(Route.get("/caf\u00e9/{name}", Endpoint.sync(r -> Response.text(r.pathParam("name")))))) {
            assertThat(client.get("/caf%C3%A9/a%20b//")).redirectsTo(307, ORIGIN + "/caf%C3%A9/a%20b");
            assertThat(client.get("/caf%C3%A9/a%20b")).hasStatus(200).hasBody("a b");
        }
    }

    @Test
    void aPathThatMatchesAsItIsIsNeverRedirected() {
        try (TestClient client = client(
                Route.get("/both", text("no slash")),
                Route.get("/both/", text("one slash")),
                Route.get("/files/{rest:path}", Endpoint.sync(r -> Response.text("rest=" + r.pathParam("rest")))))) {
            assertThat(client.get("/both")).hasStatus(200).hasBody("no slash");
            assertThat(client.get("/both/")).hasStatus(200).hasBody("one slash");
            assertThat(client.get("/files/a//")).hasStatus(200).hasBody("rest=a//");
        }
    }

    @Test
    void theOtherMethodsOfAPathAreA405NotARedirect() {
        try (TestClient client = client(Route.get("/users", text("users")))) {
            assertThat(client.delete("/users")).hasStatus(405).hasHeader("Allow", "GET, HEAD");
            assertThat(client.delete("/users//")).redirectsTo(307, ORIGIN + "/users");
        }
    }

    @Test
    void theRootStaysTheRoot() {
        try (TestClient client = client(Route.get("/", text("home")), Route.get("/a", text("a")))) {
            assertThat(client.get("/")).hasStatus(200).hasBody("home");
        }
        try (TestClient client = client(Route.get("/a", text("a")))) {
            assertThat(client.get("/")).hasStatus(404);
        }
    }

    @Test
    void aPathOfOnlySlashesRedirectsToTheRootWhenTheRootIsARoute() {
        try (TestClient client = client(Route.get("/", text("home")))) {
            assertThat(client.get("//")).redirectsTo(307, ORIGIN + "/");
            assertThat(client.get("///?q=1")).redirectsTo(307, ORIGIN + "/?q=1");
        }
        try (TestClient client = client(Route.get("/a", text("a")))) {
            assertThat(client.get("//")).hasStatus(404);
        }
    }

    @Test
    void nothingIsRedirectedWhenNeitherFormMatches() {
        try (TestClient client = client(Route.get("/users", text("users")), Route.get("/docs/", text("docs")))) {
            assertThat(client.get("/other")).hasStatus(404);
            assertThat(client.get("/other//")).hasStatus(404);
            assertThat(client.get("/users/x/")).hasStatus(404);
            // one slash is added, never two
            assertThat(client.get("/docs/x")).hasStatus(404);
            // slashes in the middle of a path are not trailing slashes
            assertThat(client.get("/users//x")).hasStatus(404);
        }
    }

    @Test
    void aRedirectNeverLeadsToAnotherHost() {
        try (TestClient client = client(
                Route.get("//evil.example", text("an odd route whose path starts with an empty segment")),
                Route.get("//other.example/", text("another one")))) {
            TestResponse stripped = client.get("//evil.example/");
            TestResponse added = client.get("//other.example");
            assertThat(stripped).redirectsTo(307, ORIGIN + "//evil.example");
            assertThat(added).redirectsTo(307, ORIGIN + "//other.example/");
            for (TestResponse response : new TestResponse[] {stripped, added}) {
                Assertions.assertThat(response.header("Location").orElseThrow()).startsWith(ORIGIN + "//").doesNotStartWith("//");
            }
            // followed, the redirect comes back to this app
            assertThat(client.request("GET", "//evil.example//").followRedirects(true).send()).hasStatus(200);
        }
    }

    @Test
    void slashRedirectsCanBeTurnedOff() {
        App app = App.builder().route(Route.get("/dashboard", text("dashboard")), Route.get("/x/", text("x")))
            .redirectSlashes(false).build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/dashboard//")).hasStatus(404);
            assertThat(client.get("/x")).hasStatus(404);
        }
    }
}
