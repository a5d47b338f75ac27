package io.nettle.auth.backends;

import static io.nettle.auth.Guard.requires;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.Tls;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.http.Response;
import io.nettle.routing.Route;
import io.nettle.testkit.OnSocketWires;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS: the server asks for client certificates, the handshake verifies them against the
 * clients' CA, and {@link ClientCertificateBackend} turns one into a user that {@code requires}
 * guards like any other.
 */
@OnSocketWires
class ClientCertificateBackendTest {
    private final Wire wire;
    @TempDir
    Path dir;
    private TestClient client;
    private X509Bundle serverRoot;
    private X509Bundle clientRoot;

    ClientCertificateBackendTest(Wire wire) {
        this.wire = wire;
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
    }

    private Server serve(Tls.ClientAuth mode) throws Exception {
        serverRoot = new CertificateBuilder().subject("CN=Server Root").setIsCertificateAuthority(true).ecp256().buildSelfSigned();
        clientRoot = new CertificateBuilder().subject("CN=Client Root").setIsCertificateAuthority(true).ecp256().buildSelfSigned();
        X509Bundle server = new CertificateBuilder().subject("CN=localhost").addSanIpAddress("127.0.0.1")
            .addExtendedKeyUsageServerAuth().ecp256().buildIssuedBy(serverRoot);
        Path chain = Files.writeString(dir.resolve("server.crt"), server.getCertificatePathPEM());
        Path key = Files.writeString(dir.resolve("server.key"), server.getPrivateKeyPEM());
        Path cas = Files.writeString(dir.resolve("clients.pem"), clientRoot.getCertificatePEM());
        App app = App.builder()
            .settings(ServerSettings.builder().tls(Tls.pem(chain, key).clientAuth(mode, cas)).build())
            .middleware(new AuthenticationMiddleware(ClientCertificateBackend.byCommonName("reports")))
            .route(Route.get("/reports", requires("reports", request -> CompletableFuture.completedFuture(
                Response.text("reports for " + request.user().displayName() + " "
                    + request.clientCertificates().size() + " certificate(s)")))))
            .build();
        client = TestClient.of(app, wire);
        return client.server().orElseThrow();
    }

    private HttpResponse<String> get(Server server, X509Bundle clientCertificate) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        KeyManager[] keys = clientCertificate == null ? null : clientCertificate.toKeyManagerFactory().getKeyManagers();
        context.init(keys, serverRoot.toTrustManagerFactory().getTrustManagers(), null);
        HttpClient https = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
        return https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/reports"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private X509Bundle clientCertificate(String name, X509Bundle issuer) throws Exception {
        return new CertificateBuilder().subject("CN=" + name).addExtendedKeyUsageClientAuth().ecp256().buildIssuedBy(issuer);
    }

    @Test
    void aClientCertificateIsAUserWithScopesThatGuardsCheck() throws Exception {
        Server server = serve(Tls.ClientAuth.OPTIONAL);
        HttpResponse<String> response = get(server, clientCertificate("billing-service", clientRoot));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("reports for billing-service 1 certificate(s)");
    }

    @Test
    void withOptionalClientAuthAClientWithoutCertificateIsAnonymous() throws Exception {
        Server server = serve(Tls.ClientAuth.OPTIONAL);
        assertThat(get(server, null).statusCode()).isEqualTo(403);
    }

    @Test
    void requiredClientAuthRefusesClientsWithoutATrustedCertificate() throws Exception {
        Server server = serve(Tls.ClientAuth.REQUIRE);
        assertThatThrownBy(() -> get(server, null)).isInstanceOf(java.io.IOException.class);
        X509Bundle stranger = new CertificateBuilder().subject("CN=Stranger Root").setIsCertificateAuthority(true).ecp256().buildSelfSigned();
        assertThatThrownBy(() -> get(server, clientCertificate("intruder", stranger))).isInstanceOf(java.io.IOException.class);
        assertThat(get(server, clientCertificate("billing-service", clientRoot)).statusCode()).isEqualTo(200);
    }
}
