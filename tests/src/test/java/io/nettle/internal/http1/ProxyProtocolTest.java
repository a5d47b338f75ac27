package io.nettle.internal.http1;

import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryWire;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The PROXY protocol of load balancers (v1 text, v2 binary), an option of the listener. */
@OnEveryWire
class ProxyProtocolTest {
    private static final String GET = "GET / HTTP/1.1\r\nHost: app.example\r\nConnection: close\r\n\r\n";
    private final Wire wire;

    ProxyProtocolTest(Wire wire) {
        this.wire = wire;
    }

    private static App app(boolean proxyProtocol) {
        return App.builder()
            .settings(ServerSettings.builder().proxyProtocol(proxyProtocol).build())
            .route(Route.get("/", Endpoint.sync(r -> Response.text("client " + r.client().host() + ":" + r.client().port()))))
            .build();
    }

    private String send(boolean proxyProtocol, String raw) {
        try (TestClient client = TestClient.of(app(proxyProtocol), wire)) {
            return client.sendRaw(raw);
        }
    }

    @Test
    void aV1HeaderGivesTheClientAddress() {
        assertThat(send(true, "PROXY TCP4 203.0.113.7 10.0.0.1 56324 443\r\n" + GET))
            .startsWith("HTTP/1.1 200").endsWith("client 203.0.113.7:56324");
        assertThat(send(true, "PROXY TCP6 2001:db8::7 2001:db8::1 40000 443\r\n" + GET))
            .endsWith("client 2001:db8::7:40000");
    }

    @Test
    void aV2HeaderGivesTheClientAddress() {
        assertThat(send(true, v2Tcp4(new byte[] {(byte) 198, 51, 100, 9}, 4242) + GET))
            .startsWith("HTTP/1.1 200").endsWith("client 198.51.100.9:4242");
    }

    @Test
    void aLocalHeaderKeepsTheSocketsAddress() {
        assertThat(send(true, "PROXY UNKNOWN\r\n" + GET)).startsWith("HTTP/1.1 200").doesNotContain("203.0.113");
    }

    @Test
    void withoutTheHeaderTheConnectionIsClosedUnanswered() {
        assertThat(send(true, GET)).isEmpty();
        assertThat(send(true, "PROXY TCP4 not-an-address 10.0.0.1 1 2\r\n" + GET)).isEmpty();
    }

    @Test
    void whenOffTheHeaderIsNotHonoured() {
        assertThat(send(false, "PROXY TCP4 203.0.113.7 10.0.0.1 56324 443\r\n" + GET)).startsWith("HTTP/1.1 400");
    }

    /** A PROXY protocol v2 header (PROXY command, TCP over IPv4) from {@code source}:{@code port}, as ISO-8859-1 text. */
    private static String v2Tcp4(byte[] source, int port) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        header.write(0x21); // version 2, PROXY
        header.write(0x11); // TCP over IPv4
        header.write(0);
        header.write(12);   // length of the addresses
        header.writeBytes(source);
        header.writeBytes(new byte[] {10, 0, 0, 1});
        header.write(port >> 8);
        header.write(port & 0xFF);
        header.write(443 >> 8);
        header.write(443 & 0xFF);
        return header.toString(StandardCharsets.ISO_8859_1);
    }
}
