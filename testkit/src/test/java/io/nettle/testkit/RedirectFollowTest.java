package io.nettle.testkit;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.App;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import org.junit.jupiter.api.Test;

@OnEveryWire
class RedirectFollowTest {
    private final Wire wire;

    RedirectFollowTest(Wire wire) {
        this.wire = wire;
    }

    private static final App APP = App.builder()
        .route(Route.post("/form", Endpoint.sync(r -> Response.redirect("/done", 303))))
        .route(Route.of("/done", Endpoint.sync(r -> Response.text("done by " + r.method())), "GET", "POST"))
        .route(Route.post("/moved", Endpoint.sync(r -> Response.redirect("http://testserver/echo"))))
        .route(Route.post("/echo", r -> r.text().thenApply(t -> Response.text(r.method() + " " + t))))
        .route(Route.get("/users", Endpoint.sync(r -> Response.text("users " + r.queryParam("page").orElse("-")))))
        .build();

    @Test
    void redirectsAreNotFollowedByDefault() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.post("/form", Body.text("x"))).redirectsTo(303, "/done");
        }
    }

    @Test
    void a303IsFollowedWithGet() {
        try (TestClient client = TestClient.of(APP, wire).followRedirects(true)) {
            assertThat(client.post("/form", Body.text("x"))).hasStatus(200).hasBody("done by GET");
        }
    }

    @Test
    void a307IsFollowedWithTheSameMethodAndBody() {
        try (TestClient client = TestClient.of(APP, wire).followRedirects(true)) {
            assertThat(client.post("/moved", Body.text("payload"))).hasStatus(200).hasBody("POST payload");
        }
    }

    @Test
    void aSlashRedirectIsFollowedPerRequest() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.request("GET", "/users/?page=3").followRedirects(true).send()).hasStatus(200).hasBody("users 3");
        }
    }
}
