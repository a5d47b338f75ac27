package io.nettle.internal.http1;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.App;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.WebSocketRejected;
import io.nettle.testkit.WebSocketTestSession;
import io.nettle.testkit.Wire;
import io.nettle.websocket.WebSocketRoute;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Requests from a trusted proxy: {@code Forwarded} or {@code X-Forwarded-*} give {@code url()},
 * {@code client()}, {@code urlFor} and the slash redirect the original scheme, host and port;
 * from any other peer these headers change nothing. The client connects from 127.0.0.1 on
 * every wire (in memory too).
 */
@OnEveryProtocol
class ProxyHeadersTest {
    private static final Map<String, String> FROM_APP_EXAMPLE = Map.of("X-Forwarded-For", "203.0.113.9",
        "X-Forwarded-Proto", "https", "X-Forwarded-Host", "app.example", "X-Forwarded-Port", "8443");

    private final Wire wire;

    /** The forwarding headers, and the Origin a browser on the forwarded page sends (the origin the app sees). */
    private static Map<String, String> fromAppExamplePage() {
        Map<String, String> headers = new java.util.HashMap<>(FROM_APP_EXAMPLE);
        headers.put("Origin", "https://app.example:8443");
        return headers;
    }

    ProxyHeadersTest(Wire wire) {
        this.wire = wire;
    }

    private static App app(ServerSettings settings) {
        return App.builder().settings(settings)
            .route(Route.get("/info", Endpoint.sync(r -> Response.text(r.url() + " " + r.client().host() + " " + r.urlFor("info"))))
                .name("info"))
            .route(Route.get("/port", Endpoint.sync(r -> Response.text(Integer.toString(r.client().port())))))
            .route(Route.get("/dir/", Endpoint.sync(r -> Response.text("dir"))))
            .route(WebSocketRoute.of("/ws", ws -> ws.accept().thenRun(() -> ws.sendText(ws.url() + " " + ws.client().host()))))
            .build();
    }

    private TestClient trusting(String... proxies) {
        return TestClient.of(app(ServerSettings.builder().trustedProxies(proxies).build()), wire);
    }

    @Test
    void withoutTrustedProxiesForwardingHeadersChangeNothing() {
        try (TestClient client = TestClient.of(app(ServerSettings.defaults()), wire)) {
            assertThat(client.get("/info", FROM_APP_EXAMPLE)).hasBody("http://testserver/info 127.0.0.1 http://testserver/info");
            assertThat(client.get("/info", Map.of("Forwarded", "for=203.0.113.9;proto=https;host=app.example")))
                .hasBody("http://testserver/info 127.0.0.1 http://testserver/info");
        }
    }

    @Test
    void anUntrustedPeersHeadersAreIgnoredEvenMalformed() {
        try (TestClient client = trusting("10.0.0.0/8", "::1")) {
            assertThat(client.get("/info", FROM_APP_EXAMPLE)).hasBody("http://testserver/info 127.0.0.1 http://testserver/info");
            assertThat(client.get("/info", Map.of("X-Forwarded-For", "not an address", "Forwarded", "for=\"")))
                .hasStatus(200).hasBody("http://testserver/info 127.0.0.1 http://testserver/info");
        }
    }

    @Test
    void aTrustedProxysXForwardedProtoHostAndPortMakeTheUrl() {
        try (TestClient client = trusting("127.0.0.1")) {
            assertThat(client.get("/info", FROM_APP_EXAMPLE))
                .hasBody("https://app.example:8443/info 203.0.113.9 https://app.example:8443/info");
            assertThat(client.get("/info", Map.of("Host", "app.example", "X-Forwarded-Proto", "https")))
                .as("the proto alone: the Host as sent, the port of https, the peer as the client")
                .hasBody("https://app.example/info 127.0.0.1 https://app.example/info");
            assertThat(client.get("/info", Map.of("X-Forwarded-Host", "app.example:8080")))
                .hasBody("http://app.example:8080/info 127.0.0.1 http://app.example:8080/info");
            assertThat(client.get("/port", Map.of("X-Forwarded-For", "203.0.113.9:5555"))).hasBody("5555");
            assertThat(client.get("/port", Map.of("X-Forwarded-For", "203.0.113.9"))).as("no port forwarded").hasBody("0");
        }
    }

    @Test
    void aTrustedProxysForwardedHeaderMakesTheUrlQuotedIpv6AndAll() {
        try (TestClient client = trusting("127.0.0.1")) {
            Map<String, String> forwarded = Map.of("Forwarded", "for=\"[2001:db8:cafe::17]:4711\";proto=https;host=\"app.example\"");
            assertThat(client.get("/info", forwarded)).hasBody("https://app.example/info 2001:db8:cafe::17 https://app.example/info");
            assertThat(client.get("/port", forwarded)).hasBody("4711");
            assertThat(client.get("/info", Map.of("Forwarded",
                "for=198.51.100.1;host=evil.example;proto=http, for=_hidden;proto=https;host=app.example, for=127.0.0.1")))
                .as("several elements: the right-most untrusted hop, an obfuscated one, and its proxy's proto and host")
                .hasBody("https://app.example/info _hidden https://app.example/info");
        }
    }

    @Test
    void forwardedWinsOverXForwarded() {
        try (TestClient client = trusting("127.0.0.1")) {
            Map<String, String> both = new java.util.HashMap<>(FROM_APP_EXAMPLE);
            both.put("Forwarded", "for=198.51.100.7;host=www.example");
            assertThat(client.get("/info", both)).hasBody("http://www.example/info 198.51.100.7 http://www.example/info");
        }
    }

    @Test
    void theClientIsTheRightMostUntrustedHop() {
        try (TestClient client = trusting("127.0.0.1", "10.0.0.0/8")) {
            assertThat(client.get("/info", Map.of("X-Forwarded-For", "198.51.100.1, 203.0.113.9, 10.0.0.5")))
                .as("198.51.100.1 may be forged by the client: it is never read").hasBodyContaining(" 203.0.113.9 ");
            assertThat(client.get("/info", Map.of("X-Forwarded-For", "10.0.0.3, 10.0.0.4")))
                .as("every hop trusted: the left-most").hasBodyContaining(" 10.0.0.3 ");
        }
    }

    @Test
    void severalXForwardedForLinesAreOneList() {
        Assumptions.assumeTrue(wire != Wire.HTTP2, "two header lines of one name, as raw HTTP/1.1 bytes: sendRaw speaks HTTP/1.1 "
            + "on every wire, and the TestClient sends one value per header name");
        try (TestClient client = trusting("127.0.0.1", "10.0.0.0/8")) {
            String twoLines = client.sendRaw("GET /info HTTP/1.1\r\nHost: testserver\r\nX-Forwarded-For: 198.51.100.1\r\n"
                + "X-Forwarded-For: 203.0.113.9, 10.0.0.5\r\nConnection: close\r\n\r\n");
            assertThat(twoLines).as("several header lines are one list").contains("http://testserver/info 203.0.113.9 ");
        }
    }

    @Test
    void cidrRangesOfBothFamiliesAreTrusted() {
        try (TestClient client = trusting("127.0.0.0/8")) {
            assertThat(client.get("/info", FROM_APP_EXAMPLE)).hasBodyContaining(" 203.0.113.9 ");
        }
        try (TestClient client = trusting("::ffff:127.0.0.0/104")) {
            assertThat(client.get("/info", FROM_APP_EXAMPLE)).as("an IPv4-mapped range is its IPv4 range")
                .hasBodyContaining(" 203.0.113.9 ");
        }
        try (TestClient client = trusting("127.0.0.1", "2001:db8::/32")) {
            assertThat(client.get("/info", Map.of("X-Forwarded-For", "203.0.113.9, 2001:db8:1::7")))
                .as("an IPv6 hop within the range is skipped").hasBodyContaining(" 203.0.113.9 ");
            assertThat(client.get("/info", Map.of("X-Forwarded-For", "203.0.113.9, 2001:db9::7")))
                .hasBodyContaining(" 2001:db9::7 ");
        }
    }

    @Test
    void theSlashRedirectStaysOnTheForwardedOrigin() {
        try (TestClient client = trusting("127.0.0.1")) {
            assertThat(client.get("/dir?x=1", Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "app.example")))
                .redirectsTo(307, "https://app.example/dir/?x=1");
        }
    }

    @Test
    void aWebSocketHasTheForwardedUrlWithWss() {
        Assumptions.assumeTrue(wire != Wire.HTTP2, "a WebSocket handshake is an HTTP/1.1 Upgrade on every wire (no RFC 8441 "
            + "extended CONNECT): on HTTP2 this would only repeat the NIO run");
        try (TestClient client = trusting("127.0.0.1");
             WebSocketTestSession ws = client.websocketConnect("/ws", fromAppExamplePage())) {
            assertThat(ws.receiveText()).isEqualTo("wss://app.example:8443/ws 203.0.113.9");
        }
    }

    @Test
    void malformedForwardingHeadersFromATrustedProxyAre400() {
        try (TestClient client = trusting("127.0.0.1")) {
            assertThat(client.get("/info", Map.of("X-Forwarded-For", "not-an-address")))
                .hasStatus(400).hasContentType("text/plain").hasBody("Malformed X-Forwarded-For header from a trusted proxy");
            assertThat(client.get("/info", Map.of("Forwarded", "for=\"unterminated"))).hasStatus(400)
                .hasBody("Malformed Forwarded header from a trusted proxy");
            assertThat(client.get("/info", Map.of("X-Forwarded-Proto", "gopher"))).hasStatus(400);
            assertThat(client.get("/info", Map.of("X-Forwarded-Host", "app.example/evil"))).hasStatus(400);
            assertThat(client.get("/info", Map.of("X-Forwarded-Port", "70000"))).hasStatus(400);
            assertThat(client.get("/info")).as("the next request is served").hasStatus(200);
        }
    }

    @Test
    void overHttp11AMalformedForwardingHeaderClosesTheConnectionAndRefusesAWebSocket() {
        Assumptions.assumeTrue(wire != Wire.HTTP2, "HTTP/1.1's answer to a malformed head: the connection closes (over HTTP/2 only "
            + "the stream is answered and the connection serves on); and a WebSocket handshake is HTTP/1.1 on every wire");
        try (TestClient client = trusting("127.0.0.1")) {
            assertThat(client.get("/info", Map.of("X-Forwarded-For", "not-an-address"))).hasStatus(400);
            assertThat(client.connectionOpen()).as("refused before the application, like any malformed head").isFalse();
            assertThatThrownBy(() -> client.websocketConnect("/ws", Map.of("Forwarded", "proto=https;proto=http")))
                .isInstanceOfSatisfying(WebSocketRejected.class, rejected -> assertThat(rejected.status()).isEqualTo(400));
            assertThat(client.get("/info")).as("the next connection is served").hasStatus(200);
        }
    }
}
