package io.nettle.internal.http1;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.App;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.middleware.Middleware;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.WebSocketRejected;
import io.nettle.testkit.WebSocketTestSession;
import io.nettle.testkit.Wire;
import io.nettle.websocket.WebSocketRoute;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code allowedHosts}: a request or WebSocket handshake whose {@code Host} (or the host a
 * trusted proxy forwarded) is not listed gets 400 before any middleware runs.
 */
@OnEveryProtocol
class AllowedHostsTest {
    private final Wire wire;
    private final AtomicInteger middlewareRuns = new AtomicInteger();

    AllowedHostsTest(Wire wire) {
        this.wire = wire;
    }

    private TestClient client(ServerSettings settings) {
        Middleware counting = (request, next) -> {
            middlewareRuns.incrementAndGet();
            return next.handle(request);
        };
        return TestClient.of(App.builder().settings(settings).middleware(counting)
            .route(Route.get("/", Endpoint.sync(r -> Response.text(r.url().toString()))))
            .route(WebSocketRoute.of("/ws", ws -> ws.accept().thenRun(() -> ws.sendText(ws.url().toString()))))
            .build(), wire);
    }

    private TestClient allowing(String... hosts) {
        return client(ServerSettings.builder().allowedHosts(hosts).build());
    }

    @Test
    void aHostNotListedIs400BeforeAnyMiddleware() {
        try (TestClient client = allowing("app.example")) {
            assertThat(client.get("/")).as("the TestClient's Host: testserver")
                .hasStatus(400).hasContentType("text/plain").hasBody("Invalid host header");
            assertThat(client.get("/", Map.of("Host", "evil.example"))).hasStatus(400).hasBody("Invalid host header");
            assertThat(middlewareRuns).hasValue(0);
            assertThat(client.get("/", Map.of("Host", "app.example"))).hasStatus(200).hasBody("http://app.example/");
            assertThat(middlewareRuns).hasValue(1);
        }
    }

    @Test
    void thePortAndCaseAreNotCompared() {
        try (TestClient client = allowing("app.example", "127.0.0.1", "[::1]")) {
            assertThat(client.get("/", Map.of("Host", "App.Example:8443"))).hasStatus(200).hasBody("http://App.Example:8443/");
            assertThat(client.get("/", Map.of("Host", "127.0.0.1:8000"))).hasStatus(200);
            assertThat(client.get("/", Map.of("Host", "[::1]:8000"))).hasStatus(200);
            assertThat(client.get("/", Map.of("Host", "app.example:notaport"))).hasStatus(400);
        }
    }

    @Test
    void aWildcardAllowsSubdomainsAndAStarAnyHost() {
        try (TestClient client = allowing("*.app.example")) {
            assertThat(client.get("/", Map.of("Host", "api.app.example"))).hasStatus(200);
            assertThat(client.get("/", Map.of("Host", "app.example"))).hasStatus(400);
            assertThat(client.get("/", Map.of("Host", "evilapp.example"))).hasStatus(400);
        }
        try (TestClient client = allowing("app.example", "*")) {
            assertThat(client.get("/", Map.of("Host", "anything.example"))).hasStatus(200);
        }
        try (TestClient client = client(ServerSettings.defaults())) {
            assertThat(client.get("/", Map.of("Host", "anything.example"))).as("the default: any").hasStatus(200);
        }
    }

    @Test
    void anHttp10RequestWithoutHostIsRefused() {
        Assumptions.assumeTrue(wire != Wire.HTTP2, "an HTTP/1.0 request without Host, as raw bytes: sendRaw speaks HTTP/1.1 "
            + "on every wire, and the TestClient always sends a Host");
        try (TestClient client = allowing("app.example")) {
            assertThat(client.sendRaw("GET / HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 400").endsWith("Invalid host header");
        }
    }

    @Test
    void aWebSocketHandshakeToAnotherHostIs400() {
        Assumptions.assumeTrue(wire != Wire.HTTP2, "a WebSocket handshake is an HTTP/1.1 Upgrade on every wire (no RFC 8441 "
            + "extended CONNECT): on HTTP2 this would only repeat the NIO run");
        try (TestClient client = allowing("app.example")) {
            assertThatThrownBy(() -> client.websocketConnect("/ws", Map.of("Host", "evil.example")))
                .isInstanceOfSatisfying(WebSocketRejected.class, rejected -> {
                    assertThat(rejected.status()).isEqualTo(400);
                    assertThat(rejected.body()).isEqualTo("Invalid host header");
                });
            try (WebSocketTestSession ws = client.websocketConnect("/ws", Map.of("Host", "app.example"))) {
                assertThat(ws.receiveText()).isEqualTo("ws://app.example/ws");
            }
        }
    }

    @Test
    void behindATrustedProxyTheForwardedHostIsChecked() {
        try (TestClient client = client(ServerSettings.builder().trustedProxies("127.0.0.1").allowedHosts("app.example").build())) {
            assertThat(client.get("/", Map.of("Host", "backend:8000", "X-Forwarded-Host", "app.example", "X-Forwarded-Proto", "https")))
                .hasStatus(200).hasBody("https://app.example/");
            assertThat(client.get("/", Map.of("Host", "app.example", "X-Forwarded-Host", "evil.example"))).hasStatus(400);
            assertThat(client.get("/", Map.of("Host", "app.example", "Forwarded", "host=evil.example"))).hasStatus(400);
        }
        try (TestClient client = client(ServerSettings.builder().trustedProxies("10.0.0.0/8").allowedHosts("app.example").build())) {
            assertThat(client.get("/", Map.of("Host", "evil.example", "X-Forwarded-Host", "app.example")))
                .as("an untrusted peer's X-Forwarded-Host is ignored").hasStatus(400);
        }
    }
}
