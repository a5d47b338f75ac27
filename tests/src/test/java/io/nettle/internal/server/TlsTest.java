package io.nettle.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.pkitesting.X509Bundle;
import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.Tls;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testing.TestCertificates;
import io.nettle.testkit.OnSocketWires;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import io.nettle.websocket.WebSocketRoute;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS and WSS on a real server (NIO and epoll), with certificates made at test time: PEM and
 * PKCS#12, SNI, TLS 1.3/1.2 only, the handshake timeout, and certificates reloaded without a
 * restart.
 */
@OnSocketWires
class TlsTest {
    private static final TestCertificates CA = TestCertificates.authority("Nettle Test Root");

    private final Wire wire;
    @TempDir
    Path dir;
    private TestClient client;

    TlsTest(Wire wire) {
        this.wire = wire;
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
    }

    private static X509Bundle certificate(String name) throws Exception {
        return CA.serverCertificate(name);
    }

    private Tls pem(X509Bundle bundle, String name) throws Exception {
        return TestCertificates.pemFiles(bundle, dir, name);
    }

    private Server serve(Tls tls) {
        App app = App.builder()
            .settings(ServerSettings.builder().tls(tls).build())
            .route(Route.get("/", Endpoint.sync(request -> Response.text(request.url().scheme() + " " + request.url().origin()))))
            .route(WebSocketRoute.of("/ws", ws -> {
                ws.accept();
                ws.onText(text -> ws.sendText(ws.url().scheme() + ": " + text));
            }))
            .build();
        client = TestClient.of(app, wire);
        return client.server().orElseThrow();
    }

    private static HttpClient https() throws Exception {
        SSLContext trusting = CA.trustingContext();
        return HttpClient.newBuilder().sslContext(trusting).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> get(Server server) throws Exception {
        return https().send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The subject of the certificate the server presents to a client asking for {@code sniName}. */
    private static String presented(Server server, String sniName, String... protocols) throws Exception {
        SSLContext trusting = CA.trustingContext();
        try (SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            SSLParameters parameters = socket.getSSLParameters();
            if (sniName != null) {
                parameters.setServerNames(List.of(new SNIHostName(sniName)));
            }
            if (protocols.length > 0) {
                parameters.setProtocols(protocols);
            }
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }

    @Test
    void servesHttpsFromPemFilesAndTheRequestSaysHttps() throws Exception {
        Server server = serve(pem(certificate("localhost"), "server"));
        HttpResponse<String> response = get(server);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("https https://127.0.0.1:" + server.port());
        assertThat(response.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void theTestClientSpeaksTlsToATlsServer() throws Exception {
        serve(pem(certificate("localhost"), "server"));
        assertThat(client.get("/").text()).isEqualTo("https https://testserver");
        try (var ws = client.websocketConnect("/ws")) {
            assertThat(ws.sendText("hi").receiveText()).isEqualTo("wss: hi");
        }
    }

    @Test
    void servesWss() throws Exception {
        Server server = serve(pem(certificate("localhost"), "server"));
        CompletableFuture<String> received = new CompletableFuture<>();
        WebSocket ws = https().newWebSocketBuilder().buildAsync(URI.create("wss://127.0.0.1:" + server.port() + "/ws"),
            new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                    received.complete(data.toString());
                    return null;
                }
            }).get(5, TimeUnit.SECONDS);
        ws.sendText("hi", true);
        assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo("wss: hi");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }

    @Test
    void tls12IsServedAndOlderProtocolsAreRefused() throws Exception {
        Server server = serve(pem(certificate("localhost"), "server"));
        assertThat(presented(server, null, "TLSv1.2")).isEqualTo("CN=localhost");
        assertThatThrownBy(() -> presented(server, null, "TLSv1.1")).isInstanceOf(javax.net.ssl.SSLException.class);
    }

    @Test
    void servesAPkcs12Keystore() throws Exception {
        char[] password = "changeit".toCharArray();
        Path keystore = certificate("localhost").toTempKeyStoreFile(password).toPath();
        Server server = serve(Tls.pkcs12(keystore, password));
        assertThat(get(server).statusCode()).isEqualTo(200);
        Files.delete(keystore);
    }

    @Test
    void sniChoosesTheCertificateByHostName() throws Exception {
        Tls tls = pem(certificate("default.test"), "default")
            .withHost("api.example.test", pem(certificate("api.example.test"), "api"))
            .withHost("*.wild.test", pem(certificate("any.wild.test"), "wild"));
        Server server = serve(tls);
        assertThat(presented(server, "api.example.test")).isEqualTo("CN=api.example.test");
        assertThat(presented(server, "shop.wild.test")).isEqualTo("CN=any.wild.test");
        assertThat(presented(server, "other.test")).isEqualTo("CN=default.test");
        assertThat(presented(server, null)).isEqualTo("CN=default.test");
    }

    @Test
    void aClientThatNeverFinishesItsHandshakeIsCutOff() throws Exception {
        Server server = serve(pem(certificate("localhost"), "server").handshakeTimeout(Duration.ofMillis(300)));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(5000);
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            int read;
            try {
                read = in.read();
            } catch (java.net.SocketException reset) {
                read = -1;
            }
            assertThat(read).as("closed by the server").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void certificatesAreReloadedOnRequestAndWhenTheFilesChange() throws Exception {
        Server server = serve(pem(certificate("first.test"), "server"));
        assertThat(presented(server, null)).isEqualTo("CN=first.test");

        pem(certificate("second.test"), "server");
        server.reloadTls();
        assertThat(presented(server, null)).isEqualTo("CN=second.test");

        pem(certificate("third.test"), "server");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String seen = presented(server, null);
        while (!seen.equals("CN=third.test") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            seen = presented(server, null);
        }
        assertThat(seen).as("picked up from disk without a call").isEqualTo("CN=third.test");
    }

    @Test
    void anEncryptedPrivateKeyIsReadWithItsPassword() throws Exception {
        X509Bundle bundle = certificate("localhost");
        Path chain = dir.resolve("enc.crt");
        Path key = dir.resolve("enc.key");
        Files.writeString(chain, bundle.getCertificatePathPEM());
        Files.writeString(key, TestKeys.encryptedPkcs8Pem(bundle.getKeyPair().getPrivate(), "s3cret".toCharArray()));
        Server server = serve(Tls.pem(chain, key, "s3cret".toCharArray()));
        assertThat(get(server).statusCode()).isEqualTo(200);
    }

    @Test
    void aCleartextPortRedirectsToHttpsAndHttpsOffersHsts() throws Exception {
        int httpPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            httpPort = free.getLocalPort();
        }
        Server server = serve(pem(certificate("localhost"), "server").hsts(Duration.ofDays(365)).redirectHttpFrom(httpPort));
        HttpResponse<String> redirected = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/a/b?c=d")).POST(HttpRequest.BodyPublishers.ofString("x"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(redirected.statusCode()).isEqualTo(308);
        assertThat(redirected.headers().firstValue("Location")).hasValue("https://127.0.0.1:" + server.port() + "/a/b?c=d");
        HttpResponse<String> secure = get(server);
        assertThat(secure.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
    }

    @Test
    void unusableFilesFailTheStartNamingThem() throws Exception {
        Path missing = dir.resolve("missing.crt");
        Tls tls = Tls.pem(missing, dir.resolve("missing.key"));
        assertThatThrownBy(() -> serve(tls)).hasMessageContaining("missing.crt");
    }

    @Test
    void aFailedReloadKeepsTheCertificatesInUse() throws Exception {
        Server server = serve(pem(certificate("kept.test"), "server"));
        Files.writeString(dir.resolve("server.key"), "not a key", StandardCharsets.UTF_8);
        assertThatThrownBy(server::reloadTls).isInstanceOf(IllegalStateException.class).hasMessageContaining("server.key");
        assertThat(presented(server, null)).isEqualTo("CN=kept.test");
    }
}
