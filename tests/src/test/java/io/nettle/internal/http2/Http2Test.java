package io.nettle.internal.http2;

import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.ServerSettings;
import io.nettle.Tls;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testing.AccessLogLines;
import io.nettle.testing.RawSocket;
import io.nettle.testing.TestCertificates;
import io.nettle.testkit.OnSocketWires;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 as the JDK's {@link HttpClient} speaks it, on a real server (NIO and epoll): {@code h2}
 * by ALPN on the TLS port with HTTP/1.1 the fallback, cleartext without the {@code Upgrade: h2c}
 * exchange (the client falls back to HTTP/1.1), the setting that turns HTTP/2 off, and the access
 * log's protocol.
 */
@OnSocketWires
class Http2Test {
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final TestCertificates CA = TestCertificates.authority("Nettle Test Root");

    private final Wire wire;
    @TempDir
    Path dir;
    private TestClient client;

    Http2Test(Wire wire) {
        this.wire = wire;
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
    }

    private Tls tls() throws Exception {
        return TestCertificates.pemFiles(CA.serverCertificate("localhost"), dir, "server");
    }

    /** A server with {@code settings}; returns its base URL. */
    private String serve(ServerSettings.Builder settings) {
        App app = App.builder()
            .settings(settings.maxBodySize(1024).build())
            .route(Route.get("/", Endpoint.sync(request -> Response.text(request.url().scheme() + " " + request.header("cookie").orElse("-")))))
            .route(Route.post("/echo", request -> request.text().thenApply(text -> Response.text("got " + text))))
            .build();
        client = TestClient.of(app, wire);
        int port = client.server().orElseThrow().port();
        return (settings.build().tls().isPresent() ? "https" : "http") + "://127.0.0.1:" + port;
    }

    private static HttpClient httpClient(HttpClient.Version version) throws Exception {
        return HttpClient.newBuilder().version(version).sslContext(CA.trustingContext()).connectTimeout(PATIENCE).build();
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void h2IsNegotiatedByAlpnOnTheTlsPort() throws Exception {
        String base = serve(ServerSettings.builder().tls(tls()));
        HttpClient http = httpClient(HttpClient.Version.HTTP_2);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/"))
            .header("Cookie", "a=1").timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("https a=1");
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/echo"))
            .POST(HttpRequest.BodyPublishers.ofString("over h2")).timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(posted.body()).isEqualTo("got over h2");
    }

    @Test
    void http11StaysTheFallbackOnTheTlsPort() throws Exception {
        String base = serve(ServerSettings.builder().tls(tls()));
        HttpResponse<String> response = get(httpClient(HttpClient.Version.HTTP_1_1), base + "/");
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.body()).isEqualTo("https -");
    }

    @Test
    void aBodyOverTheLimitIs413OnHttp2() throws Exception {
        String base = serve(ServerSettings.builder().tls(tls()));
        HttpResponse<String> response = httpClient(HttpClient.Version.HTTP_2).send(HttpRequest.newBuilder(URI.create(base + "/echo"))
            .POST(HttpRequest.BodyPublishers.ofString("x".repeat(5000))).timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("larger than 1024 bytes");
    }

    @Test
    void cleartextUpgradeIsNotOfferedSoTheClientFallsBackToHttp11() throws Exception {
        String base = serve(ServerSettings.builder());
        HttpResponse<String> response = get(httpClient(HttpClient.Version.HTTP_2), base + "/");
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.body()).isEqualTo("http -");
    }

    @Test
    void withHttp2OffTheTlsPortOffersOnlyHttp11() throws Exception {
        String base = serve(ServerSettings.builder().tls(tls()).http2(false));
        HttpResponse<String> response = get(httpClient(HttpClient.Version.HTTP_2), base + "/");
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void withHttp2OffThePrefaceIsAnUnsupportedHttpVersion() throws Exception {
        serve(ServerSettings.builder().http2(false));
        try (RawSocket socket = RawSocket.connect(client.server().orElseThrow())) {
            String answer = socket.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n").readUntilClosed(PATIENCE);
            assertThat(answer).startsWith("HTTP/1.1 505");
        }
    }

    @Test
    void theAccessLogSaysHttp2() throws Exception {
        try (AccessLogLines log = AccessLogLines.capture()) {
            String base = serve(ServerSettings.builder().tls(tls()).accessLog(true));
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/?secret=1"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("tom:secret".getBytes()))
                .timeout(PATIENCE).build();
            assertThat(httpClient(HttpClient.Version.HTTP_2).send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(log.await(1)).singleElement().asString()
                .startsWith("127.0.0.1 - \"GET / HTTP/2\" 200 7 ")
                .doesNotContain("secret").doesNotContain("Basic");
        }
    }
}
