package io.nettle;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.Body;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import org.junit.jupiter.api.Test;

/**
 * {@code maxBodySize} and {@code maxHeaderSize} as a client sees them whatever the protocol: 413
 * and 431, and the next request served. How HTTP/1.1 frames these refusals (a closed connection,
 * the raw request line and header lines) is {@code internal.http1.LimitsTest}'s.
 */
@OnEveryProtocol
class RequestLimitsTest {
    private final Wire wire;

    RequestLimitsTest(Wire wire) {
        this.wire = wire;
    }

    private static App app(ServerSettings settings) {
        return App.builder()
            .settings(settings)
            .route(Route.post("/", request -> request.body().thenApply(b -> Response.text("got " + b.length))))
            .route(Route.get("/{rest:path}", Endpoint.sync(r -> Response.text("ok"))))
            .build();
    }

    @Test
    void aBodyLargerThanMaxBodySizeIs413AndTheNextRequestIsServed() {
        try (TestClient client = TestClient.of(app(ServerSettings.builder().maxBodySize(10).build()), wire)) {
            assertThat(client.post("/", Body.text("0123456789"))).hasStatus(200).hasBody("got 10");
            assertThat(client.post("/", Body.text("0123456789A"))).hasStatus(413).hasContentType("text/plain")
                .hasBodyContaining("larger than 10 bytes");
            assertThat(client.post("/", Body.text("ok"))).hasStatus(200).hasBody("got 2");
        }
    }

    @Test
    void headersLargerThanMaxHeaderSizeAre431AndTheNextRequestIsServed() {
        // HTTP/1.1 counts the header lines' bytes, HTTP/2 the decoded header list (each field's name and value,
        // plus 32): 1000 bytes of X-Big are over the limit for both, and short of the 1.25 times the limit at
        // which HTTP/2 gives up on the connection (GOAWAY) rather than answer the stream
        try (TestClient client = TestClient.of(app(ServerSettings.builder().maxHeaderSize(1000).build()), wire)) {
            assertThat(client.request("GET", "/x").header("X-Big", "b".repeat(1000)).send()).hasStatus(431);
            assertThat(client.request("GET", "/x").header("X-Big", "b".repeat(500)).send()).hasStatus(200).hasBody("ok");
        }
    }
}
