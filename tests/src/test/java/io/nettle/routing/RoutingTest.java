package io.nettle.routing;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.App;
import io.nettle.http.Response;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

@OnEveryProtocol
class RoutingTest {
    private final Wire wire;

    RoutingTest(Wire wire) {
        this.wire = wire;
    }

    private static Endpoint text(String body) {
        return Endpoint.sync(request -> Response.text(body));
    }

    /** Answers the converted path parameters as JSON. */
    private static Endpoint params() {
        return Endpoint.sync(request -> Response.json(request.pathParams().asMap()));
    }

    private TestClient client(Routable... routes) {
        return TestClient.of(App.builder().route(routes).build(), wire);
    }

    @Test
    void aLiteralSegmentWinsOverAParameterAddedBeforeIt() {
        try (TestClient client = client(
                Route.get("/users/{name}", Endpoint.sync(r -> Response.text("user " + r.pathParam("name")))),
                Route.get("/users/me", text("me")))) {
            assertThat(client.get("/users/me")).hasStatus(200).hasBody("me");
            assertThat(client.get("/users/bob")).hasStatus(200).hasBody("user bob");
        }
    }

    @Test
    void aParameterBranchThatFailsFurtherDownIsBackedOutOf() {
        try (TestClient client = client(
                Route.get("/a/{x}/b", params()),
                Route.get("/a/{y:int}/c", params()))) {
            assertThat(client.get("/a/5/c")).hasStatus(200).hasJsonBody("{\"y\": 5}");
            assertThat(client.get("/a/z/b")).hasStatus(200).hasJsonBody("{\"x\": \"z\"}");
            assertThat(client.get("/a/z/c")).hasStatus(404);
        }
    }

    @Test
    void strConverterMatchesOneNonEmptyDecodedSegment() {
        try (TestClient client = client(Route.get("/u/{name}", params()))) {
            assertThat(client.get("/u/a%20b")).hasStatus(200).hasJsonBody("{\"name\": \"a b\"}");
            assertThat(client.get("/u/a%2Fb")).hasStatus(200).hasJsonBody("{\"name\": \"a/b\"}");
            assertThat(client.get("/u/a/b")).hasStatus(404);
        }
    }

    @Test
    void intConverterMatchesDigitsAsLongAndRejectsAnythingElse() {
        try (TestClient client = client(Route.get("/items/{id:int}", params()))) {
            assertThat(client.get("/items/42")).hasStatus(200).hasJsonBody("{\"id\": 42}");
            assertThat(client.get("/items/123456789012345678")).hasStatus(200).hasJsonBody("{\"id\": 123456789012345678}");
            assertThat(client.get("/items/12345678901234567890")).hasStatus(404);
            assertThat(client.get("/items/-1")).hasStatus(404);
            assertThat(client.get("/items/4x")).hasStatus(404);
        }
    }

    @Test
    void intParameterIsTypedAsLong() {
        try (TestClient client = client(Route.get("/items/{id:int}",
                Endpoint.sync(r -> Response.text(r.pathParams().get("id", Object.class).getClass().getSimpleName()
                    + " " + (r.pathParams().getLong("id") + 1)))))) {
            assertThat(client.get("/items/41")).hasStatus(200).hasBody("Long 42");
        }
    }

    @Test
    void floatConverterMatchesDecimalNumbersAsDouble() {
        try (TestClient client = client(Route.get("/f/{x:float}", params()))) {
            assertThat(client.get("/f/1.5")).hasStatus(200).hasJsonBody("{\"x\": 1.5}");
            assertThat(client.get("/f/2")).hasStatus(200).hasJsonBody("{\"x\": 2.0}");
            assertThat(client.get("/f/1.")).hasStatus(404);
            assertThat(client.get("/f/abc")).hasStatus(404);
            assertThat(client.get("/f/1e5")).hasStatus(404);
        }
    }

    @Test
    void uuidConverterMatchesTheCanonicalForm() {
        UUID id = UUID.randomUUID();
        try (TestClient client = client(Route.get("/o/{id:uuid}",
                Endpoint.sync(r -> Response.text(r.pathParams().getUuid("id").toString()))))) {
            assertThat(client.get("/o/" + id)).hasStatus(200).hasBody(id.toString());
            assertThat(client.get("/o/" + id.toString().replace("-", ""))).hasStatus(404);
            assertThat(client.get("/o/not-a-uuid")).hasStatus(404);
        }
    }

    @Test
    void pathConverterTakesTheRestOfThePathSlashesIncluded() {
        try (TestClient client = client(Route.get("/files/{rest:path}", params()))) {
            assertThat(client.get("/files/a/b/c.txt")).hasStatus(200).hasJsonBody("{\"rest\": \"a/b/c.txt\"}");
            assertThat(client.get("/files/one")).hasStatus(200).hasJsonBody("{\"rest\": \"one\"}");
        }
    }

    @Test
    void aMountServesItsRoutesUnderItsPrefixOnly() {
        try (TestClient client = client(Mount.of("/api", Route.get("/users", text("users")).name("users")).name("api"))) {
            assertThat(client.get("/api/users")).hasStatus(200).hasBody("users");
            assertThat(client.get("/users")).hasStatus(404);
        }
    }

    @Test
    void nestedMountsJoinPrefixesAndNames() {
        App app = App.builder()
            .route(Mount.of("/api",
                Mount.of("/v1", Route.get("/items/{id:int}", params()).name("item")).name("v1")).name("api"))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/api/v1/items/3")).hasStatus(200).hasJsonBody("{\"id\": 3}");
        }
        Assertions.assertThat(app.urlPathFor("api:v1:item", Map.of("id", 3))).isEqualTo("/api/v1/items/3");
    }

    @Test
    void routesInAnUnnamedMountKeepTheirOwnNames() {
        App app = App.builder().route(Mount.of("/admin", Route.get("/stats", text("s")).name("stats"))).build();
        Assertions.assertThat(app.urlPathFor("stats", Map.of())).isEqualTo("/admin/stats");
    }

    @Test
    void requestUrlForGivesAnAbsoluteUrlOnTheRequestsOrigin() {
        try (TestClient client = client(
                Route.get("/users/{id:int}", text("user")).name("user"),
                Route.get("/", Endpoint.sync(r -> Response.text(r.urlFor("user", Map.of("id", 7)))))
            )) {
            assertThat(client.get("/")).hasStatus(200).hasBody("http://testserver/users/7");
            assertThat(client.request("GET", "/").header("Host", "example.com:8080").send())
                .hasBody("http://example.com:8080/users/7");
        }
    }

    @Test
    void requestUrlForARouteInsideANamedMount() {
        try (TestClient client = client(
                Mount.of("/api", Route.get("/users", text("users")).name("users")).name("api"),
                Route.get("/", Endpoint.sync(r -> Response.text(r.urlFor("api:users")))))) {
            assertThat(client.get("/")).hasBody("http://testserver/api/users");
        }
    }

    @Test
    void urlPathForPercentEncodesParametersAndTheUrlRoutesBack() {
        App app = App.builder()
            .route(Route.get("/files/{name}", params()).name("file"))
            .route(Route.get("/static/{p:path}", params()).name("static"))
            .build();
        Assertions.assertThat(app.urlPathFor("file", Map.of("name", "a b/c?d%"))).isEqualTo("/files/a%20b%2Fc%3Fd%25");
        Assertions.assertThat(app.urlPathFor("static", Map.of("p", "css/a b.css"))).isEqualTo("/static/css/a%20b.css");
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get(app.urlPathFor("file", Map.of("name", "a b/c?d%"))))
                .hasStatus(200).hasJsonBody("{\"name\": \"a b/c?d%\"}");
            assertThat(client.get(app.urlPathFor("file", Map.of("name", "é")))).hasJsonBody("{\"name\": \"é\"}");
        }
    }

    @Test
    void urlPathForRejectsUnknownNamesAndMissingOrUnfitParameters() {
        App app = App.builder().route(Route.get("/items/{id:int}", params()).name("item")).build();
        assertThatThrownBy(() -> app.urlPathFor("nope", Map.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no route is named 'nope'");
        assertThatThrownBy(() -> app.urlPathFor("item", Map.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs parameter 'id'");
        assertThatThrownBy(() -> app.urlPathFor("item", Map.of("id", "abc")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
        assertThatThrownBy(() -> app.urlPathFor("item", Map.of("id", 1, "other", 2)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no parameter 'other'");
    }

    @Test
    void urlPathForWritesFloatsSoThatTheyRouteBack() {
        App app = App.builder().route(Route.get("/f/{x:float}", params()).name("f")).build();
        Assertions.assertThat(app.urlPathFor("f", Map.of("x", 2.0))).isEqualTo("/f/2");
        Assertions.assertThat(app.urlPathFor("f", Map.of("x", 1.25))).isEqualTo("/f/1.25");
        Assertions.assertThat(app.urlPathFor("f", Map.of("x", 1e20))).isEqualTo("/f/100000000000000000000");
        Assertions.assertThat(app.urlPathFor("f", Map.of("x", 0.00001))).isEqualTo("/f/0.00001");
    }

    @Test
    void anUnknownPathIs404NotFound() {
        try (TestClient client = client(Route.get("/", text("home")))) {
            assertThat(client.get("/nowhere")).hasStatus(404).hasContentType("text/plain").hasBody("Not Found");
        }
    }

    @Test
    void aKnownPathWithAnotherMethodIs405WithAllowIncludingHead() {
        try (TestClient client = client(
                Route.of("/items", text("items"), "GET", "POST"),
                Route.post("/only-post", text("p")))) {
            assertThat(client.delete("/items")).hasStatus(405).hasHeader("Allow", "GET, HEAD, POST")
                .hasBody("Method Not Allowed");
            assertThat(client.get("/only-post")).hasStatus(405).hasHeader("Allow", "POST");
            assertThat(client.head("/only-post")).hasStatus(405).hasHeader("Allow", "POST");
        }
    }

    @Test
    void separateRoutesForOnePathShareIt() {
        try (TestClient client = client(Route.get("/x", text("got")), Route.post("/x", text("posted")))) {
            assertThat(client.get("/x")).hasBody("got");
            assertThat(client.request("POST", "/x").send()).hasBody("posted");
            assertThat(client.delete("/x")).hasStatus(405).hasHeader("Allow", "GET, HEAD, POST");
        }
    }

    @Test
    void headOnAGetRouteAnswersWithoutBodyButWithContentLength() {
        try (TestClient client = client(Route.get("/hello", text("hello")))) {
            assertThat(client.head("/hello")).hasStatus(200).hasEmptyBody()
                .hasHeader("Content-Length", "5").hasContentType("text/plain");
            assertThat(client.get("/hello")).hasStatus(200).hasBody("hello");
            Assertions.assertThat(client.connectionOpen()).isTrue();
        }
    }

    @Test
    void aMissingTrailingSlashRedirects307KeepingTheQuery() {
        try (TestClient client = client(Route.get("/docs/", text("docs")))) {
            assertThat(client.get("/docs?x=1&y=a%20b")).redirectsTo(307, "http://testserver/docs/?x=1&y=a%20b");
        }
    }

    @Test
    void anExtraTrailingSlashRedirects307KeepingTheQuery() {
        try (TestClient client = client(Route.get("/users", text("users")))) {
            assertThat(client.get("/users/?page=2")).redirectsTo(307, "http://testserver/users?page=2");
            assertThat(client.get("/users/")).redirectsTo(307, "http://testserver/users");
        }
    }

    @Test
    void slashRedirectsCanBeTurnedOff() {
        App app = App.builder().route(Route.get("/users", text("users"))).redirectSlashes(false).build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/users/")).hasStatus(404);
            assertThat(client.get("/users")).hasStatus(200);
        }
    }

    @Test
    void noSlashRedirectWhenNeitherFormMatches() {
        try (TestClient client = client(Route.get("/users", text("users")))) {
            assertThat(client.get("/other/")).hasStatus(404);
            assertThat(client.get("/")).hasStatus(404);
        }
    }

    @Test
    void aMalformedOrDotSegmentPathIs400() {
        try (TestClient client = client(Route.get("/{x}", params()))) {
            assertThat(client.get("/%zz")).hasStatus(400);
            assertThat(client.get("/a/%2e%2e")).hasStatus(400);
        }
    }
}
