package io.nettle.middleware;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.ServerSettings;
import io.nettle.Tls;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testing.TestCertificates;
import io.nettle.testkit.OnSocketWires;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.Wire;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over real TLS: the middleware's HSTS, or the server's own when {@code Tls.hsts} is set, never both. */
@OnSocketWires
class SecurityHeadersTlsTest {
    private static final TestCertificates CA = TestCertificates.authority("Nettle Test Root");
    private final Wire wire;
    @TempDir
    Path dir;

    SecurityHeadersTlsTest(Wire wire) {
        this.wire = wire;
    }

    private TestClient client(Tls tls) {
        App app = App.builder().settings(ServerSettings.builder().tls(tls).build())
            .middleware(SecurityHeadersMiddleware.defaults())
            .route(Route.get("/", Endpoint.sync(request -> Response.text("hi"))))
            .build();
        return TestClient.of(app, wire);
    }

    @Test
    void hstsOverTlsOnceWhoeverSendsIt() throws Exception {
        Tls tls = TestCertificates.pemFiles(CA.serverCertificate("localhost"), dir, "server");
        try (TestClient client = client(tls)) {
            TestResponse response = client.get("/");
            assertThat(response).hasStatus(200).hasHeader("Strict-Transport-Security", "max-age=31536000");
            assertThat(response.headers().getAll("Strict-Transport-Security")).hasSize(1);
        }
        try (TestClient client = client(tls.hsts(Duration.ofDays(2)))) {
            TestResponse response = client.get("/");
            assertThat(response).as("the server's setting wins").hasHeader("Strict-Transport-Security", "max-age=172800");
            assertThat(response.headers().getAll("Strict-Transport-Security")).hasSize(1);
        }
    }
}
