package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.ServerSettings;
import io.nettle.testkit.TestClient;
import org.junit.jupiter.api.Test;

class HelloExampleTest {

    @Test
    void greetsTheWorldAndByName() {
        try (TestClient client = TestClient.of(HelloExample.app(ServerSettings.defaults()))) {
            assertThat(client.get("/")).hasStatus(200).hasContentType("text/plain").hasBody("Hello, World!");
            assertThat(client.get("/hello/Ada%20L"))
                .hasStatus(200)
                .hasJsonBody("{\"greeting\": \"Hello, Ada L!\", \"self\": \"http://testserver/hello/Ada%20L\"}");
        }
    }

    @Test
    void everyExampleIsReachableByName() {
        org.assertj.core.api.Assertions.assertThat(Main.examples()).containsOnlyKeys("hello", "echo", "auth", "apikey", "jwt",
            "session", "multi", "roles", "errors", "chat", "files", "events", "upload", "showcase", "parity", "bench");
    }

    @Test
    void badCommandLinesAreExplained() {
        assertThatThrownBy(() -> Arguments.parse(new String[] {"--port", "x"}))
            .hasMessageContaining("--port must be a number");
        assertThatThrownBy(() -> Arguments.parse(new String[] {"files", "--dir"}))
            .hasMessageContaining("--dir needs a value");
        assertThatThrownBy(() -> Arguments.parse(new String[] {"hello", "--bogus"}))
            .hasMessageContaining("Unexpected argument '--bogus'");
        org.assertj.core.api.Assertions.assertThat(Arguments.parse(new String[] {"hello", "--port", "0"}).port()).isZero();
        assertThatThrownBy(() -> Arguments.parse(new String[] {"--trusted-proxy", "proxy.internal"}))
            .hasMessageContaining("--trusted-proxy: 'proxy.internal' is not an IP address or CIDR range");
        org.assertj.core.api.Assertions.assertThat(Arguments.parse(new String[] {"--trusted-proxy", "10.0.0.0/8", "--trusted-proxy", "::1"})
            .settings().trustedProxies()).containsExactly("10.0.0.0/8", "::1");
        org.assertj.core.api.Assertions.assertThat(Arguments.parse(new String[] {"bench", "--max-connections", "20000"})
            .settings().maxConnections()).isEqualTo(20_000);
        org.assertj.core.api.Assertions.assertThat(Arguments.parse(new String[] {"bench"}).settings().maxConnections()).isEqualTo(10_000);
        assertThatThrownBy(() -> Arguments.parse(new String[] {"--max-connections", "0"}))
            .hasMessageContaining("--max-connections");
    }

    @Test
    void accessLogIsOffUnlessAskedForWithItsFlag() {
        org.assertj.core.api.Assertions.assertThat(Arguments.parse(new String[] {"hello"}).settings().accessLog()).isFalse();
        org.assertj.core.api.Assertions.assertThat(Arguments.parse(new String[] {"hello", "--access-log", "--port", "0"}).settings().accessLog())
            .isTrue();
    }
}
