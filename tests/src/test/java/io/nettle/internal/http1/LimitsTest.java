package io.nettle.internal.http1;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.App;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.Body;
import io.nettle.testkit.OnEveryWire;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

@OnEveryWire
class LimitsTest {
    private final Wire wire;

    LimitsTest(Wire wire) {
        this.wire = wire;
    }

    private static final Endpoint SIZE = request -> request.body().thenApply(b -> Response.text("got " + b.length));

    private static App app(ServerSettings settings) {
        return App.builder()
            .settings(settings)
            .route(Route.post("/", SIZE))
            .route(Route.get("/{rest:path}", Endpoint.sync(r -> Response.text("ok"))))
            .build();
    }

    @Test
    void aBodyLargerThanMaxBodySizeIs413() {
        try (TestClient client = TestClient.of(app(ServerSettings.builder().maxBodySize(10).build()), wire)) {
            assertThat(client.post("/", Body.text("0123456789"))).hasStatus(200).hasBody("got 10");
            assertThat(client.post("/", Body.text("0123456789A"))).hasStatus(413).hasBodyContaining("larger than 10 bytes")
                .hasHeader("Connection", "close");
            assertThat(client.post("/", Body.text("ok"))).as("a fresh connection serves again").hasStatus(200);
        }
    }

    @Test
    void aChunkedBodyLargerThanMaxBodySizeIs413() {
        try (TestClient client = TestClient.of(app(ServerSettings.builder().maxBodySize(10).build()), wire)) {
            String raw = client.sendRaw("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "8\r\n01234567\r\n8\r\n89abcdef\r\n0\r\n\r\n");
            Assertions.assertThat(raw).startsWith("HTTP/1.1 413").containsIgnoringCase("connection: close");
            String ok = client.sendRaw("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\n0123\r\n4\r\n4567\r\n0\r\n\r\n");
            Assertions.assertThat(ok).startsWith("HTTP/1.1 200").endsWith("got 8");
        }
    }

    @Test
    void aRequestLineLongerThanTheLimitIs414() {
        try (TestClient client = TestClient.of(app(ServerSettings.builder().maxInitialLineLength(100).build()), wire)) {
            String raw = client.sendRaw("GET /" + "a".repeat(200) + " HTTP/1.1\r\nHost: x\r\n\r\n");
            Assertions.assertThat(raw).startsWith("HTTP/1.1 414");
            Assertions.assertThat(client.sendRaw("GET /" + "a".repeat(50) + " HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void theDefaultRequestLineLimitIs414Too() {
        try (TestClient client = TestClient.of(app(ServerSettings.defaults()), wire)) {
            Assertions.assertThat(client.sendRaw("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 414");
        }
    }

    @Test
    void headersLargerThanTheLimitAre431() {
        try (TestClient client = TestClient.of(app(ServerSettings.builder().maxHeaderSize(200).build()), wire)) {
            String raw = client.sendRaw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(300) + "\r\n\r\n");
            Assertions.assertThat(raw).startsWith("HTTP/1.1 431");
            assertThat(client.request("GET", "/").header("X-Big", "b".repeat(300)).send()).hasStatus(431);
        }
    }

    @Test
    void anHttp11RequestWithoutHostIs400() {
        try (TestClient client = TestClient.of(app(ServerSettings.defaults()), wire)) {
            Assertions.assertThat(client.sendRaw("GET / HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400").endsWith("Missing Host header");
            Assertions.assertThat(client.sendRaw("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")).startsWith("HTTP/1.1 400");
            Assertions.assertThat(client.sendRaw("GET /x HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void garbageIs400() {
        try (TestClient client = TestClient.of(app(ServerSettings.defaults()), wire)) {
            Assertions.assertThat(client.sendRaw("NOT HTTP AT ALL\r\n\r\n")).startsWith("HTTP/1.1 400");
            Assertions.assertThat(client.sendRaw("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n")).startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void settingsRefuseNonsense() {
        Assertions.assertThatThrownBy(() -> ServerSettings.builder().maxBodySize(-1)).isInstanceOf(IllegalArgumentException.class);
        Assertions.assertThatThrownBy(() -> ServerSettings.builder().maxHeaderSize(0)).isInstanceOf(IllegalArgumentException.class);
        Assertions.assertThatThrownBy(() -> ServerSettings.builder().idleTimeout(java.time.Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
