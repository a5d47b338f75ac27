package io.nettle.http;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.App;
import io.nettle.ServerSettings;
import io.nettle.routing.Route;
import io.nettle.testkit.Body;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** JSON bodies built to exhaust the parser are a quick 400, never a stack overflow or a CPU spike. */
@OnEveryProtocol
class JsonLimitsTest {
    private final Wire wire;

    JsonLimitsTest(Wire wire) {
        this.wire = wire;
    }

    private static final App APP = App.builder()
        .settings(ServerSettings.builder().maxBodySize(4L * 1024 * 1024).build())
        .route(Route.post("/tree", r -> r.json().thenApply(node -> Response.text(node.getNodeType().toString()))))
        .route(Route.post("/map", r -> r.json(Map.class).thenApply(map -> Response.text("keys " + map.size()))))
        .build();

    private static Body json(String text) {
        return Body.bytes(text.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    @Test
    void aHundredThousandLevelNestedArrayIs400Quickly() {
        String nested = "[".repeat(100_000) + "]".repeat(100_000);
        try (TestClient client = TestClient.of(APP, wire)) {
            long start = System.nanoTime();
            assertThat(client.post("/tree", json(nested))).hasStatus(400).hasBodyContaining("nested too deeply");
            assertThat(client.post("/map", json("{\"a\":" + nested + "}"))).hasStatus(400).hasBodyContaining("nested too deeply");
            Assertions.assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds, generously").isLessThan(3000);
        }
    }

    @Test
    void aMillionDigitNumberIs400Quickly() {
        String digits = "9".repeat(1_000_000);
        try (TestClient client = TestClient.of(APP, wire)) {
            long start = System.nanoTime();
            assertThat(client.post("/tree", json(digits))).hasStatus(400).hasBodyContaining("a number is too long");
            assertThat(client.post("/tree", json("[" + digits + "]"))).hasStatus(400);
            assertThat(client.post("/tree", json("[0." + digits + "]"))).hasStatus(400);
            assertThat(client.post("/map", json("{\"n\":" + digits + "}"))).hasStatus(400);
            Assertions.assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds, generously").isLessThan(3000);
        }
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        int depth = Json.MAX_NESTING_DEPTH;
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.post("/tree", json("[".repeat(depth) + "]".repeat(depth)))).hasStatus(200).hasBody("ARRAY");
            assertThat(client.post("/tree", json("[".repeat(depth + 1) + "]".repeat(depth + 1)))).hasStatus(400);
        }
    }
}
