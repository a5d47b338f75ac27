package io.nettle;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.Body;
import io.nettle.testkit.TestClient;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void servesHelloAndEchoesJson() {
        App app = App.builder()
            .route(Route.get("/", Endpoint.sync(r -> Response.text("Hello"))))
            .route(Route.post("/echo", r -> r.json().thenApply(Response::json)))
            .build();
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/")).hasStatus(200).hasBody("Hello");
            assertThat(client.post("/echo", Body.rawJson("{\"a\":1}"))).hasStatus(200).hasJsonBody("{\"a\":1}");
            assertThat(client.post("/echo", Body.rawJson("{nope"))).hasStatus(400).hasBodyContaining("Invalid JSON");
            assertThat(client.get("/missing")).hasStatus(404).hasBody("Not Found");
            assertThat(client.get("/echo")).hasStatus(405).hasHeader("Allow", "POST");
        }
    }
}
