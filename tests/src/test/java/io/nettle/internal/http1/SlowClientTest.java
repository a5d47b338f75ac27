package io.nettle.internal.http1;

import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testing.RawSocket;
import io.nettle.testkit.OnSocketWires;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Clients that send or read too slowly, over real sockets (NIO and epoll) with short timeouts. */
@OnSocketWires
class SlowClientTest {
    private static final Duration SHORT = Duration.ofMillis(200);
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final byte[] BIG = new byte[16 * 1024 * 1024];

    private final Wire wire;

    SlowClientTest(Wire wire) {
        this.wire = wire;
    }

    /** A loopback server for {@code app} on this test's wire; closing it is all the cleanup it needs. */
    private Server serve(App app) {
        return TestClient.of(app, wire).server().orElseThrow();
    }

    private static App app(ServerSettings settings) {
        return App.builder()
            .settings(settings)
            .route(Route.get("/", Endpoint.sync(r -> Response.text("ok"))))
            .route(Route.post("/body", r -> r.body().thenApply(b -> Response.text("got " + b.length))))
            .route(Route.get("/big", Endpoint.sync(r -> Response.bytes(BIG, "application/octet-stream"))))
            .build();
    }

    private static ServerSettings.Builder shortTimeouts() {
        return ServerSettings.builder().headerTimeout(SHORT).bodyTimeout(SHORT).writeTimeout(SHORT).idleTimeout(SHORT);
    }

    @Test
    void aHeadThatDoesNotCompleteInTimeIs408AndClosed() throws Exception {
        try (Server server = serve(app(shortTimeouts().idleTimeout(PATIENCE).build()));
             RawSocket socket = RawSocket.connect(server)) {
            String raw = socket.send("GET / HTTP/1.1\r\nHost: x\r\n").readUntilClosed(PATIENCE);
            assertThat(raw).startsWith("HTTP/1.1 408 Request Timeout").containsIgnoringCase("connection: close");
            assertThat(socket.closedByPeer()).isTrue();
            assertServes(server);
        }
    }

    @Test
    void aHeadTrickledByteByByteIsCutOffAtTheHeaderTimeoutNotExtendedByEachByte() throws Exception {
        try (Server server = serve(app(shortTimeouts().idleTimeout(PATIENCE).build()));
             RawSocket socket = RawSocket.connect(server)) {
            String head = "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(200);
            long start = System.nanoTime();
            for (int i = 0; i < head.length() && !socket.closedByPeer(); i++) {
                try {
                    socket.send(head.substring(i, i + 1));
                } catch (java.io.IOException closed) {
                    break;
                }
                Thread.sleep(20);
            }
            String raw = socket.readUntilClosed(PATIENCE);
            assertThat(raw).startsWith("HTTP/1.1 408");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("well before the whole head was trickled (4 s)")
                .isLessThan(Duration.ofMillis(3500));
        }
    }

    @Test
    void theHeaderTimeoutCountsFromTheFirstByteSoAnIdleKeepAliveConnectionIsNotHitByIt() throws Exception {
        try (Server server = serve(app(shortTimeouts().idleTimeout(PATIENCE).build()));
             RawSocket socket = RawSocket.connect(server)) {
            Thread.sleep(3 * SHORT.toMillis());
            socket.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            Thread.sleep(3 * SHORT.toMillis());
            String raw = socket.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readUntilClosed(PATIENCE);
            assertThat(raw.split("HTTP/1.1 200 OK", -1)).as("both requests answered").hasSize(3);
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedWithoutAResponse() throws Exception {
        try (Server server = serve(app(shortTimeouts().build()));
             RawSocket used = RawSocket.connect(server)) {
            String raw = used.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readUntilClosed(PATIENCE);
            assertThat(raw).startsWith("HTTP/1.1 200").endsWith("ok");
            assertThat(used.closedByPeer()).as("closed after the response, once idle").isTrue();
            try (RawSocket fresh = RawSocket.connect(server)) {
                assertThat(fresh.readUntilClosed(PATIENCE)).isEmpty();
                assertThat(fresh.closedByPeer()).as("closed without a request").isTrue();
            }
        }
    }

    @Test
    void aBodyThatStopsArrivingIs408AndClosed() throws Exception {
        try (Server server = serve(app(shortTimeouts().idleTimeout(PATIENCE).build()));
             RawSocket socket = RawSocket.connect(server)) {
            String raw = socket.send("POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc").readUntilClosed(PATIENCE);
            assertThat(raw).startsWith("HTTP/1.1 408 Request Timeout").containsIgnoringCase("connection: close");
            assertThat(socket.closedByPeer()).isTrue();
            assertServes(server);
        }
    }

    @Test
    void aChunkedBodyThatStopsArrivingIs408Too() throws Exception {
        try (Server server = serve(app(shortTimeouts().idleTimeout(PATIENCE).build()));
             RawSocket socket = RawSocket.connect(server)) {
            String raw = socket.send("POST /body HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n")
                .readUntilClosed(PATIENCE);
            assertThat(raw).startsWith("HTTP/1.1 408");
            assertThat(socket.closedByPeer()).isTrue();
        }
    }

    @Test
    void aBodyThatKeepsArrivingSlowlyIsRead() throws Exception {
        ServerSettings settings = shortTimeouts().bodyTimeout(Duration.ofMillis(500)).idleTimeout(PATIENCE).build();
        try (Server server = serve(app(settings)); RawSocket socket = RawSocket.connect(server)) {
            socket.send("POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\nConnection: close\r\n\r\n");
            for (int i = 0; i < 8; i++) {
                Thread.sleep(100);
                socket.send("x");
            }
            assertThat(socket.readUntilClosed(PATIENCE)).startsWith("HTTP/1.1 200").endsWith("got 8");
        }
    }

    @Test
    void aPeerThatNeverReadsIsClosedAndItsResponseDropped() throws Exception {
        try (Server server = serve(app(shortTimeouts().idleTimeout(PATIENCE).build()));
             RawSocket socket = RawSocket.connect(server)) {
            socket.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n".repeat(4));
            Thread.sleep(1500);
            String raw = socket.readUntilClosed(Duration.ofSeconds(10));
            assertThat(socket.closedByPeer()).as("closed by the write timeout").isTrue();
            assertThat(raw.length()).as("far less than the four responses").isLessThan(BIG.length);
            assertServes(server);
        }
    }

    private static void assertServes(Server server) throws Exception {
        try (RawSocket socket = RawSocket.connect(server)) {
            String raw = socket.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readUntilClosed(PATIENCE);
            assertThat(raw).as("the server still serves").startsWith("HTTP/1.1 200").endsWith("ok");
        }
    }
}
