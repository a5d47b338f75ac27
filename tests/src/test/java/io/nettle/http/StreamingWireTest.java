package io.nettle.http;

import static io.nettle.testing.RawHttp2.DATA;
import static io.nettle.testing.RawHttp2.HEADERS;
import static io.nettle.testing.RawHttp2.RST_STREAM;
import static io.nettle.testing.RawHttp2.WINDOW_UPDATE;
import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Error;
import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testing.RawHttp2;
import io.nettle.testing.RawSocket;
import io.nettle.testing.TestCertificates;
import io.nettle.testkit.OnSocketWires;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streamed bodies on real sockets (NIO and epoll): a client that does not read pauses the
 * producer, a client that leaves stops it, HTTP/2's window paces it, an aborted body cannot pass
 * for complete, and files go out whole over TLS and HTTP/2 where no zero-copy is possible.
 */
@OnSocketWires
class StreamingWireTest {
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final int PIECE = 64 * 1024;
    private static final TestCertificates CA = TestCertificates.authority("Streaming Test Root");

    private final Wire wire;
    private final AtomicLong produced = new AtomicLong();
    private final CompletableFuture<Throwable> lastWrite = new CompletableFuture<>();
    private final CompletableFuture<Void> over = new CompletableFuture<>();
    @TempDir
    Path dir;
    private TestClient client;

    StreamingWireTest(Wire wire) {
        this.wire = wire;
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
    }

    /** Writes {@code total} bytes in 64 KiB pieces, each once the previous one was taken, counting them. */
    private void pieces(BodyWriter body, long total) {
        body.done().thenRun(() -> over.complete(null));
        next(body, total);
    }

    private void next(BodyWriter body, long left) {
        if (left == 0) {
            body.end();
            return;
        }
        byte[] piece = new byte[(int) Math.min(PIECE, left)];
        produced.addAndGet(piece.length);
        body.write(piece).whenComplete((ok, failure) -> {
            if (failure != null) {
                lastWrite.complete(failure);
            } else {
                next(body, left - piece.length);
            }
        });
    }

    private Server serve(ServerSettings.Builder settings, Route... routes) {
        App.Builder app = App.builder().settings(settings.build());
        for (Route route : routes) {
            app.route(route);
        }
        client = TestClient.of(app.build(), wire);
        return client.server().orElseThrow();
    }

    private Server serveStream(long total) {
        return serve(ServerSettings.builder(), Route.get("/stream", Endpoint.sync(request ->
            Response.stream("application/octet-stream", body -> pieces(body, total)))));
    }

    @Test
    void aClientThatDoesNotReadPausesTheProducer() throws Exception {
        long total = 32L * 1024 * 1024;
        Server server = serveStream(total);
        try (RawSocket socket = RawSocket.connect(server, 64 * 1024)) {
            socket.send("GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            Thread.sleep(500);
            assertThat(produced.get()).as("bytes produced while the client read nothing").isLessThan(8L * 1024 * 1024);
            String received = socket.readUntilClosed(Duration.ofSeconds(20));
            assertThat(received).startsWith("HTTP/1.1 200").endsWith("\r\n0\r\n\r\n");
            assertThat(produced.get()).isEqualTo(total);
        }
    }

    @Test
    void aClientThatLeavesStopsTheProducer() throws Exception {
        Server server = serveStream(Long.MAX_VALUE / 2);
        try (RawSocket socket = RawSocket.connect(server, 64 * 1024)) {
            socket.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
            socket.readAtLeast(1024, PATIENCE);
            socket.leave(RawSocket.Leave.RESET);
        }
        over.get(5, TimeUnit.SECONDS);
        assertThat(lastWrite.get(5, TimeUnit.SECONDS)).isInstanceOf(ClientGoneException.class);
    }

    @Test
    void anAbortedBodyEndsTheConnectionBeforeItsLastChunk() throws Exception {
        Server server = serve(ServerSettings.builder(), Route.get("/broken", Endpoint.sync(request ->
            Response.stream("text/plain", body -> body.write("half").thenRun(body::abort)))));
        try (RawSocket socket = RawSocket.connect(server)) {
            String received = socket.send("GET /broken HTTP/1.1\r\nHost: x\r\n\r\n").readUntilClosed(PATIENCE);
            assertThat(received).startsWith("HTTP/1.1 200").contains("\r\n4\r\nhalf\r\n").doesNotContain("\r\n0\r\n\r\n");
            assertThat(socket.closedByPeer()).isTrue();
        }
    }

    @Test
    void http10GetsTheBodyUntilTheConnectionCloses() throws Exception {
        Server server = serve(ServerSettings.builder(), Route.get("/hi", Endpoint.sync(request ->
            Response.stream("text/plain", body -> body.write("one ").thenRun(() -> body.write("two").thenRun(body::end))))));
        try (RawSocket socket = RawSocket.connect(server)) {
            String received = socket.send("GET /hi HTTP/1.0\r\n\r\n").readUntilClosed(PATIENCE);
            assertThat(received).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("transfer-encoding")
                .doesNotContainIgnoringCase("content-length").containsIgnoringCase("connection: close").endsWith("\r\n\r\none two");
            assertThat(socket.closedByPeer()).isTrue();
        }
    }

    @Test
    void anHttp2StreamResetByTheClientStopsTheProducer() throws Exception {
        Server server = serveStream(Long.MAX_VALUE / 2);
        try (RawHttp2 h2 = RawHttp2.connect(server.port())) {
            h2.request(1, "GET", "/stream", true, new DefaultHttp2Headers());
            assertThat(h2.await(frame -> frame.stream() == 1 && frame.type() == DATA, PATIENCE)).isNotNull();
            h2.frame(RST_STREAM, 0, 1, ByteBuffer.allocate(4).putInt((int) Http2Error.CANCEL.code()).array());
            over.get(5, TimeUnit.SECONDS);
            assertThat(lastWrite.get(5, TimeUnit.SECONDS)).isInstanceOf(ClientGoneException.class);
        }
    }

    @Test
    void anHttp2WindowThatStaysShutPausesTheProducer() throws Exception {
        Server server = serveStream(4L * 1024 * 1024);
        int initialWindowSize = 0x4;
        try (RawHttp2 h2 = RawHttp2.connect(server.port(), initialWindowSize, 0)) {
            h2.request(1, "GET", "/stream", true, new DefaultHttp2Headers());
            assertThat(h2.await(frame -> frame.stream() == 1 && frame.type() == HEADERS, PATIENCE).status()).isEqualTo("200");
            Thread.sleep(300);
            assertThat(produced.get()).as("bytes produced while the window was shut").isLessThanOrEqualTo(2L * PIECE);
            // Open the stream's and the connection's windows wide: the rest flows.
            byte[] wide = ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE - 65_535).array();
            h2.frame(WINDOW_UPDATE, 0, 1, ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array()).frame(WINDOW_UPDATE, 0, 0, wide);
            assertThat(h2.await(frame -> frame.stream() == 1 && frame.type() == DATA && (frame.flags() & RawHttp2.END_STREAM) != 0,
                Duration.ofSeconds(10))).as("the end of the body").isNotNull();
            long received = h2.received().stream().filter(frame -> frame.stream() == 1 && frame.type() == DATA)
                .mapToLong(frame -> frame.payload().length).sum();
            assertThat(received).isEqualTo(4L * 1024 * 1024);
        }
    }

    @Test
    void aFileGoesOutWholeOverTlsOnHttp11AndH2() throws Exception {
        byte[] content = new byte[5 * 1024 * 1024 + 3];
        new Random(11).nextBytes(content);
        Path file = Files.write(dir.resolve("big.bin"), content);
        App app = App.builder()
            .settings(ServerSettings.builder().tls(TestCertificates.pemFiles(CA.serverCertificate("localhost"), dir, "server")).build())
            .route(Route.get("/big", Endpoint.blocking(request -> Response.file(file))))
            .build();
        try (TestClient http11 = TestClient.of(app, wire)) {
            assertThat(http11.get("/big")).hasStatus(200).hasHeader("Content-Length", String.valueOf(content.length));
            assertThat(http11.get("/big").bytes()).isEqualTo(content);
        }
        try (TestClient h2 = TestClient.of(app, Wire.HTTP2)) {
            assertThat(h2.get("/big").bytes()).isEqualTo(content);
        }
    }
}
