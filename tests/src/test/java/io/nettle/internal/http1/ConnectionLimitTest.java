package io.nettle.internal.http1;

import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testing.RawSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The limit on connections (pipelining, what one connection may queue, is PipeliningTest's). */
class ConnectionLimitTest {
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final String GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";

    private static App app(ServerSettings settings) {
        return App.builder()
            .settings(settings)
            .route(Route.get("/", Endpoint.sync(r -> Response.text("ok"))))
            .route(Route.get("/slow", r -> CompletableFuture.supplyAsync(() -> Response.text("slow"),
                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS))))
            .build();
    }

    @Test
    void aConnectionBeyondMaxConnectionsIsAnswered503AndClosedAndTheSlotIsReusedOnceFree() throws Exception {
        try (Server server = app(ServerSettings.builder().maxConnections(2).build()).serve("127.0.0.1", 0);
             RawSocket first = RawSocket.connect(server);
             RawSocket second = RawSocket.connect(server)) {
            assertThat(first.send(GET).readUntil("ok", PATIENCE)).startsWith("HTTP/1.1 200");
            assertThat(second.send(GET).readUntil("ok", PATIENCE)).startsWith("HTTP/1.1 200");
            try (RawSocket third = RawSocket.connect(server)) {
                String raw = third.readUntilClosed(PATIENCE);
                assertThat(raw).startsWith("HTTP/1.1 503 Service Unavailable").containsIgnoringCase("connection: close")
                    .containsIgnoringCase("retry-after: 1");
                assertThat(third.closedByPeer()).isTrue();
            }
            assertThat(first.send(GET).readUntil("ok", PATIENCE)).as("served connections are unaffected")
                .startsWith("HTTP/1.1 200");
            first.close();
            assertThat(servedOnSomeNewConnection(server)).as("a closed connection frees its slot").isTrue();
        }
    }

    private static boolean servedOnSomeNewConnection(Server server) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try (RawSocket socket = RawSocket.connect(server)) {
                if (socket.send(GET).readUntil("ok", PATIENCE).startsWith("HTTP/1.1 200")) {
                    return true;
                }
            }
            Thread.sleep(50);
        }
        return false;
    }
}
