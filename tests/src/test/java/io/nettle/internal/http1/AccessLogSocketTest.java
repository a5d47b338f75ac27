package io.nettle.internal.http1;

import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.routing.Route;
import io.nettle.testing.AccessLogLines;
import io.nettle.testing.RawSocket;
import io.nettle.testkit.OnSocketWires;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What only a socket shows of the access log: timeouts, and a client that leaves before its response. */
@OnSocketWires
class AccessLogSocketTest {
    private static final Duration SHORT = Duration.ofMillis(200);
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final Wire wire;
    private final CountDownLatch called = new CountDownLatch(1);

    AccessLogSocketTest(Wire wire) {
        this.wire = wire;
    }

    private Server serve() {
        App app = App.builder()
            .settings(ServerSettings.builder().accessLog(true).headerTimeout(SHORT).bodyTimeout(SHORT).build())
            .route(Route.post("/body", r -> r.body().thenApply(b -> Response.text("got " + b.length))))
            .route(Route.get("/never", r -> {
                called.countDown();
                return new CompletableFuture<>();
            }))
            .build();
        return TestClient.of(app, wire).server().orElseThrow();
    }

    @Test
    void aHeadThatDoesNotCompleteInTimeIsLogged408AfterTheHeaderTimeout() throws Exception {
        try (AccessLogLines log = AccessLogLines.capture(); Server server = serve(); RawSocket socket = RawSocket.connect(server)) {
            assertThat(socket.send("GET /never HTTP/1.1\r\nHost: x\r\n").readUntilClosed(PATIENCE)).startsWith("HTTP/1.1 408");
            assertThat(log.await(1)).singleElement().asString().matches("127\\.0\\.0\\.1 - \"- - HTTP/1\\.1\" 408 \\d+ 200\\.000ms");
        }
    }

    @Test
    void aBodyThatStopsArrivingIsLogged408WithItsRequest() throws Exception {
        try (AccessLogLines log = AccessLogLines.capture(); Server server = serve(); RawSocket socket = RawSocket.connect(server)) {
            String raw = socket.send("POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc").readUntilClosed(PATIENCE);
            assertThat(raw).startsWith("HTTP/1.1 408");
            assertThat(log.await(1)).singleElement().asString().matches("127\\.0\\.0\\.1 - \"POST /body HTTP/1\\.1\" 408 \\d+ \\d+\\.\\d{3}ms");
        }
    }

    @Test
    void aClientThatLeavesBeforeItsResponseIsLogged499() throws Exception {
        try (AccessLogLines log = AccessLogLines.capture(); Server server = serve()) {
            try (RawSocket socket = RawSocket.connect(server)) {
                socket.send("GET /never HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(called.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            }
            assertThat(log.await(1)).singleElement().asString().matches("127\\.0\\.0\\.1 - \"GET /never HTTP/1\\.1\" 499 0 \\d+\\.\\d{3}ms");
        }
    }
}
