package io.nettle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.websocket.CloseCodes;
import io.nettle.websocket.WebSocket;
import io.nettle.websocket.WebSocketDisconnect;
import io.nettle.websocket.WebSocketOptions;
import io.nettle.websocket.WebSocketRoute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults: a client that disconnects mid-request, mid-response and mid-handshake, over real
 * sockets. After each, the server must have let go of the connection, serve a fresh request,
 * have logged nothing at ERROR (a client leaving is not a server error) and leaked no buffer
 * (the leak guard checks every test).
 *
 * <p>"Let go of the connection" is proved with {@code maxConnections(1)}: while the faulty
 * connection were held, a new one would be refused with {@code 503}; and by a graceful
 * {@code Server.close()} finishing well within its 10 s grace period. Every timeout of the server
 * is left long (the defaults: 60 s idle, 30 s body and write, 10 s handshake), so a connection
 * that is gone within a few seconds was closed because the server noticed the client leaving,
 * not by a timeout. The tests run on NIO (the native epoll library is not on the test class
 * path), which notices a peer's close only when it reads: the server keeps reading while the
 * application works (a bounded read-ahead) so that it does.
 */
class ClientDisconnectTest {
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final Duration GRACE = Duration.ofSeconds(10);
    /** Far more than loopback's socket buffers hold, with the client's receive buffer shrunk. */
    private static final byte[] BIG = new byte[16 * 1024 * 1024];
    private static final String UPGRADE = " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    /** How the client leaves. */
    enum Leave {
        /** Shuts its output (FIN) and keeps reading, to see that nothing is written for the cut request. */
        HALF_CLOSE,
        /** Closes the socket (FIN, or RST when data it never read was still waiting). */
        CLOSE,
        /** Resets the connection: {@code SO_LINGER} 0, then close (RST). */
        RESET
    }

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    /** Completed by the test once its client is gone; endpoints and handlers that answer "late" wait for it. */
    private final CompletableFuture<Void> clientLeft = new CompletableFuture<>();
    /** The endpoint (or WebSocket handler) under test has been called. */
    private final CountDownLatch called = new CountDownLatch(1);
    /** What the endpoint's body stage ended with: the bytes or text, or the failure. */
    private final CompletableFuture<Object> bodyOutcome = new CompletableFuture<>();
    /** A late endpoint produced its answer (or failure), after the client left. */
    private final CountDownLatch answeredLate = new CountDownLatch(1);
    /** The outcome of the WebSocket operation under test: {@code "ok"} or the failure. */
    private final CompletableFuture<Object> wsOutcome = new CompletableFuture<>();
    /** The close code the WebSocket's {@code onClose} heard. */
    private final CompletableFuture<Integer> wsClosed = new CompletableFuture<>();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private App app() {
        WebSocketOptions bigSends = WebSocketOptions.builder().maxPendingSendBytes(4L * BIG.length).build();
        return App.builder()
            .settings(ServerSettings.builder().maxConnections(1).shutdownGracePeriod(GRACE).build())
            .route(Route.get("/", Endpoint.sync(r -> Response.text("ok"))))
            .route(Route.get("/boom", Endpoint.sync(r -> {
                throw new IllegalStateException("deliberate failure of the log capture's sanity check");
            })))
            .route(Route.post("/body", r -> readBody(r, Request::body, bytes -> bytes.length)))
            .route(Route.post("/text", r -> readBody(r, Request::text, String::length)))
            .route(Route.get("/big", Endpoint.sync(r -> Response.bytes(BIG, "application/octet-stream"))))
            .route(Route.get("/late", r -> {
                called.countDown();
                return afterClientLeft(200).thenApply(v -> {
                    answeredLate.countDown();
                    return Response.text("late");
                });
            }))
            .route(Route.get("/late-failure", r -> {
                called.countDown();
                return afterClientLeft(200).thenApply(v -> {
                    answeredLate.countDown();
                    throw new IllegalStateException("endpoint failed after its client left");
                });
            }))
            .route(WebSocketRoute.of("/ws/deferred", ws -> {
                watchClose(ws);
                called.countDown();
                // Accepts only once the client is gone: the 101 is written to a connection the client already left.
                clientLeft.thenRun(() -> record(ws.accept()));
            }))
            .route(Route.post("/working", r -> {
                called.countDown();
                return new CompletableFuture<Response>();
            }))
            .route(WebSocketRoute.of("/ws/undecided", ws -> {
                watchClose(ws);
                called.countDown();
            }))
            .route(WebSocketRoute.of("/ws/receive", ws -> {
                watchClose(ws);
                ws.accept().thenRun(called::countDown).thenCompose(v -> ws.receiveText()).whenComplete((text, failure) ->
                    wsOutcome.complete(failure != null ? unwrap(failure) : "received " + text));
            }))
            .route(WebSocketRoute.of("/ws/big", ws -> {
                watchClose(ws);
                called.countDown();
                ws.accept().thenCompose(v -> ws.sendBytes(BIG)).whenComplete((v, failure) ->
                    wsOutcome.complete(failure != null ? unwrap(failure) : "ok"));
            }, bigSends))
            .build();
    }

    private <T> CompletionStage<Response> readBody(Request request, Function<Request, CompletionStage<T>> read,
                                                    Function<T, Integer> length) {
        called.countDown();
        return read.apply(request)
            .whenComplete((value, failure) -> bodyOutcome.complete(failure != null ? unwrap(failure) : value))
            .thenApply(value -> Response.text("got " + length.apply(value)));
    }

    private CompletableFuture<Void> afterClientLeft(long millis) {
        CompletableFuture<Void> later = new CompletableFuture<>();
        clientLeft.thenRun(() -> scheduler.schedule(() -> later.complete(null), millis, TimeUnit.MILLISECONDS));
        return later;
    }

    private void watchClose(WebSocket ws) {
        ws.onClose((code, reason) -> wsClosed.complete(code));
    }

    private void record(CompletionStage<Void> stage) {
        stage.whenComplete((v, failure) -> wsOutcome.complete(failure != null ? unwrap(failure) : "ok"));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    // ---------------------------------------------------------------- the log capture itself

    @Test
    void theLogCaptureSeesAnEndpointFailureExactlyOnce() throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app().serve("127.0.0.1", 0); Peer peer = Peer.connect(server)) {
            String raw = peer.send("GET /boom HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readUntilClosed();
            assertThat(raw).startsWith("HTTP/1.1 500").endsWith("Internal Server Error");
            closesPromptly(server);
        }
        assertThat(log.errorLines()).as("one ERROR for one failed request:\n%s", log.text()).isEqualTo(1);
        assertThat(log.text()).contains("deliberate failure of the log capture's sanity check");
    }

    // ---------------------------------------------------------------- mid-request

    @ParameterizedTest
    @EnumSource(Leave.class)
    void aHeadCutHalfway(Leave leave) throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app().serve("127.0.0.1", 0)) {
            try (Peer peer = Peer.connect(server)) {
                peer.send("GET / HTTP/1.1\r\nHost: x\r\nX-Cut: hal");
                String after = peer.leave(leave);
                if (leave == Leave.HALF_CLOSE) {
                    assertThat(after).as("no response to half a head").isEmpty();
                    assertThat(peer.closedByServer).as("the server closed its side").isTrue();
                }
            }
            servesAFreshRequest(server);
            closesPromptly(server);
        }
        assertNoErrorLogged(log);
    }

    @ParameterizedTest
    @EnumSource(Leave.class)
    void aBodyCutShortWhileTheEndpointAwaitsBody(Leave leave) throws Exception {
        bodyCutShort("/body", leave);
    }

    @ParameterizedTest
    @EnumSource(Leave.class)
    void aBodyCutShortWhileTheEndpointAwaitsText(Leave leave) throws Exception {
        bodyCutShort("/text", leave);
    }

    private void bodyCutShort(String path, Leave leave) throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app().serve("127.0.0.1", 0)) {
            try (Peer peer = Peer.connect(server)) {
                peer.send("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123456789");
                assertThat(called.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the endpoint runs").isTrue();
                String after = peer.leave(leave);
                if (leave == Leave.HALF_CLOSE) {
                    assertThat(after).as("nothing written for a request whose body never came").isEmpty();
                    assertThat(peer.closedByServer).isTrue();
                }
            }
            servesAFreshRequest(server);
            closesPromptly(server);
        }
        bodyStageNeverSucceeded();
        assertNoErrorLogged(log);
    }

    @ParameterizedTest
    @EnumSource(Leave.class)
    void aChunkedBodyCutInTheMiddleOfAChunk(Leave leave) throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app().serve("127.0.0.1", 0)) {
            try (Peer peer = Peer.connect(server)) {
                peer.send("POST /body HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n10\r\n01234");
                assertThat(called.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the endpoint runs").isTrue();
                String after = peer.leave(leave);
                if (leave == Leave.HALF_CLOSE) {
                    assertThat(after).as("nothing written for a request whose body never came").isEmpty();
                    assertThat(peer.closedByServer).isTrue();
                }
            }
            servesAFreshRequest(server);
            closesPromptly(server);
        }
        bodyStageNeverSucceeded();
        assertNoErrorLogged(log);
    }

    /** The endpoint's body stage completed exceptionally, or not at all; never with a partial body. */
    private void bodyStageNeverSucceeded() {
        // Called once the server is closed: its event loops ran everything left, so a stage that was going to fail has.
        if (bodyOutcome.isDone()) {
            assertThat(bodyOutcome.join()).as("the body stage of a cut body").isInstanceOf(Throwable.class);
        }
    }

    // ---------------------------------------------------------------- mid-response

    @ParameterizedTest
    @EnumSource(value = Leave.class, names = {"CLOSE", "RESET"})
    void aLargeResponseOfWhichTheClientReadAFewBytes(Leave leave) throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app().serve("127.0.0.1", 0)) {
            try (Peer peer = Peer.connect(server, 8 * 1024)) {
                String start = peer.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n").readAtLeast(100);
                assertThat(start).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("content-length: " + BIG.length);
                peer.leave(leave);
            }
            servesAFreshRequest(server);
            closesPromptly(server);
        }
        assertNoErrorLogged(log);
    }

    @ParameterizedTest
    @EnumSource(value = Leave.class, names = {"CLOSE", "RESET"})
    void anAsyncEndpointAnsweringAfterTheClientLeft(Leave leave) throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app().serve("127.0.0.1", 0)) {
            try (Peer peer = Peer.connect(server)) {
                peer.send("GET /late HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(called.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the endpoint runs").isTrue();
                peer.leave(leave);
            }
            clientLeft.complete(null);
            assertThat(answeredLate.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("answered 200 ms after").isTrue();
            servesAFreshRequest(server);
            closesPromptly(server);
        }
        assertNoErrorLogged(log);
    }

    @Test
    void anAsyncEndpointFailingAfterTheClientLeftIsLoggedOnce() throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app().serve("127.0.0.1", 0)) {
            try (Peer peer = Peer.connect(server)) {
                peer.send("GET /late-failure HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(called.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the endpoint runs").isTrue();
                peer.leave(Leave.RESET);
            }
            clientLeft.complete(null);
            assertThat(answeredLate.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("failed 200 ms after").isTrue();
            servesAFreshRequest(server);
            closesPromptly(server);
        }
        // At most one ERROR: the endpoint's own failure is a server error worth one line (as for any
        // unhandled exception), whether or not its client is still there to get the 500; the client
        // leaving adds nothing.
        assertThat(log.errorLines()).as("ERROR lines:\n%s", log.text()).isLessThanOrEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = Leave.class, names = {"CLOSE", "RESET"})
    void aPipelinedBatchLeftAfterItsFirstResponse(Leave leave) throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app().serve("127.0.0.1", 0)) {
            try (Peer peer = Peer.connect(server, 8 * 1024)) {
                String first = peer.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n" + "GET /late HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /big HTTP/1.1\r\nHost: x\r\n\r\n" + "GET / HTTP/1.1\r\nHost: x\r\n\r\n".repeat(3)).readUntil("ok");
                assertThat(first).startsWith("HTTP/1.1 200 OK").endsWith("\r\n\r\nok");
                assertThat(called.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the second request runs").isTrue();
                peer.leave(leave);
            }
            clientLeft.complete(null);
            assertThat(answeredLate.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("answered 200 ms after").isTrue();
            servesAFreshRequest(server);
            closesPromptly(server);
        }
        assertNoErrorLogged(log);
    }

    // ---------------------------------------------------------------- mid-handshake

    @ParameterizedTest
    @EnumSource(value = Leave.class, names = {"CLOSE", "RESET"})
    void aWebSocketAcceptedAfterItsClientLeftBeforeThe101(Leave leave) throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app().serve("127.0.0.1", 0)) {
            try (Peer peer = Peer.connect(server)) {
                peer.send("GET /ws/deferred" + UPGRADE);
                assertThat(called.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the handler runs").isTrue();
                peer.leave(leave);
            }
            clientLeft.complete(null);
            assertThat(wsClosed.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("onClose").isEqualTo(CloseCodes.ABNORMAL_CLOSURE);
            Object accepted = wsOutcome.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            if (accepted instanceof Throwable failure) {
                assertThat(failure).as("accept() failed because the client was gone").isInstanceOf(WebSocketDisconnect.class);
            }
            servesAFreshRequest(server);
            closesPromptly(server);
        }
        assertNoErrorLogged(log);
    }

    @ParameterizedTest
    @EnumSource(value = Leave.class, names = {"CLOSE", "RESET"})
    void aWebSocketLeftRightAfterThe101WhileItsHandlerAwaitsReceiveText(Leave leave) throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app().serve("127.0.0.1", 0)) {
            try (Peer peer = Peer.connect(server)) {
                assertThat(peer.send("GET /ws/receive" + UPGRADE).readUntil("\r\n\r\n")).startsWith("HTTP/1.1 101");
                assertThat(called.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("accepted").isTrue();
                peer.leave(leave);
            }
            assertThat(wsOutcome.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the pending receiveText()")
                .isInstanceOfSatisfying(WebSocketDisconnect.class,
                    d -> assertThat(d.code()).isEqualTo(CloseCodes.ABNORMAL_CLOSURE));
            assertThat(wsClosed.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("onClose").isEqualTo(CloseCodes.ABNORMAL_CLOSURE);
            servesAFreshRequest(server);
            closesPromptly(server);
        }
        assertNoErrorLogged(log);
    }

    @ParameterizedTest
    @EnumSource(value = Leave.class, names = {"CLOSE", "RESET"})
    void aWebSocketLeftWhileTheServerSendsALargeMessage(Leave leave) throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app().serve("127.0.0.1", 0)) {
            try (Peer peer = Peer.connect(server, 8 * 1024)) {
                String head = peer.send("GET /ws/big" + UPGRADE).readUntil("\r\n\r\n");
                assertThat(head).startsWith("HTTP/1.1 101");
                assertThat(peer.readAtLeast(head.length() + 1000).length()).as("some of the message came").isGreaterThan(head.length());
                peer.leave(leave);
            }
            assertThat(wsOutcome.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the send of 16 MiB")
                .isInstanceOf(WebSocketDisconnect.class);
            assertThat(wsClosed.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("onClose").isEqualTo(CloseCodes.ABNORMAL_CLOSURE);
            servesAFreshRequest(server);
            closesPromptly(server);
        }
        assertNoErrorLogged(log);
    }

    @ParameterizedTest
    @EnumSource(value = Leave.class, names = {"CLOSE", "RESET"})
    void aWebSocketWhoseHandlerHasNotDecidedYetWhenItsClientLeaves(Leave leave) throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app().serve("127.0.0.1", 0)) {
            try (Peer peer = Peer.connect(server)) {
                peer.send("GET /ws/undecided" + UPGRADE);
                assertThat(called.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the handler runs").isTrue();
                peer.leave(leave);
            }
            servesAFreshRequest(server);
            assertThat(wsClosed.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("onClose").isEqualTo(CloseCodes.ABNORMAL_CLOSURE);
            closesPromptly(server);
        }
        assertNoErrorLogged(log);
    }

    @ParameterizedTest
    @EnumSource(value = Leave.class, names = {"CLOSE", "RESET"})
    void aRequestWhoseEndpointIsStillWorkingWithoutHavingAskedForItsBodyWhenItsClientLeaves(Leave leave) throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app().serve("127.0.0.1", 0)) {
            try (Peer peer = Peer.connect(server)) {
                peer.send("POST /working HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123456789");
                assertThat(called.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the endpoint runs").isTrue();
                peer.leave(leave);
            }
            servesAFreshRequest(server);
            closesPromptly(server);
        }
        assertNoErrorLogged(log);
    }

    @Test
    void aClientSendingDataBeforeThe101IsClosedInsteadOfUpgraded() throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app().serve("127.0.0.1", 0)) {
            try (Peer peer = Peer.connect(server)) {
                peer.send("GET /ws/undecided" + UPGRADE);
                assertThat(called.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the handler runs").isTrue();
                // A masked text frame "hi", which RFC 6455 §4.1 forbids before the server's answer.
                peer.send(new String(new byte[] {(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, 'h' ^ 1, 'i' ^ 2},
                    StandardCharsets.ISO_8859_1));
                assertThat(peer.readUntilClosed()).as("no 101 after early data").isEmpty();
            }
            assertThat(wsClosed.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("onClose").isEqualTo(CloseCodes.ABNORMAL_CLOSURE);
            servesAFreshRequest(server);
            closesPromptly(server);
        }
        assertNoErrorLogged(log);
    }

    // ---------------------------------------------------------------- checks

    private static void assertNoErrorLogged(ErrorLog log) {
        assertThat(log.errorLines()).as("ERROR lines for a client that left (WARN/DEBUG would be fine):\n%s", log.text()).isZero();
    }

    /**
     * A fresh connection gets {@code 200 ok}. With {@code maxConnections(1)} it is refused with
     * {@code 503} for as long as the server holds the old connection; the server learns of the
     * client leaving asynchronously, so it may take a few tries, within {@link #PATIENCE}.
     */
    private static void servesAFreshRequest(Server server) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int refused = 0;
        while (true) {
            String raw;
            try (Peer fresh = Peer.connect(server)) {
                raw = fresh.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readUntilClosed();
            } catch (IOException refusedMidWrite) {
                raw = "";
            }
            if (raw.startsWith("HTTP/1.1 200 OK") && raw.endsWith("\r\n\r\nok")) {
                return;
            }
            assertThat(raw).as("a fresh request is served or refused for want of a free connection")
                .matches(r -> r.isEmpty() || r.startsWith("HTTP/1.1 503"), "empty or 503");
            refused++;
            if (System.nanoTime() > deadline) {
                fail("the faulty connection still holds the only connection slot after %s: %d fresh requests refused",
                    PATIENCE, refused);
            }
            Thread.sleep(20);
        }
    }

    /** A graceful close finishes well within the grace period: no connection is left in flight. */
    private static void closesPromptly(Server server) {
        long start = System.nanoTime();
        server.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("Server.close() with a %s grace period", GRACE)
            .isLessThan(Duration.ofSeconds(3));
    }

    /** A raw TCP client. */
    private static final class Peer implements AutoCloseable {
        private final Socket socket;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private boolean closedByServer;

        private Peer(Socket socket) {
            this.socket = socket;
        }

        static Peer connect(Server server) throws IOException {
            return connect(server, 0);
        }

        /** Connects with a receive buffer of {@code receiveBuffer} bytes (0: the default), set before connecting so it bounds the window. */
        static Peer connect(Server server, int receiveBuffer) throws IOException {
            Socket socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), (int) PATIENCE.toMillis());
            socket.setTcpNoDelay(true);
            return new Peer(socket);
        }

        Peer send(String raw) throws IOException {
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return this;
        }

        /** Reads until what came ends with {@code suffix} (fails after {@link #PATIENCE}). */
        String readUntil(String suffix) throws IOException {
            read(() -> text().endsWith(suffix));
            assertThat(text()).as("received within %s", PATIENCE).endsWith(suffix);
            return text();
        }

        /** Reads until at least {@code bytes} bytes came (fails after {@link #PATIENCE}). */
        String readAtLeast(int bytes) throws IOException {
            read(() -> received.size() >= bytes);
            assertThat(received.size()).as("bytes received within %s", PATIENCE).isGreaterThanOrEqualTo(bytes);
            return text();
        }

        /** Reads until the server closes (or {@link #PATIENCE} passes); returns all received. */
        String readUntilClosed() throws IOException {
            read(() -> false);
            return text();
        }

        /** Leaves as told; for {@link Leave#HALF_CLOSE}, returns what the server wrote after, up to its close. */
        String leave(Leave how) throws IOException {
            switch (how) {
                case HALF_CLOSE -> {
                    int before = received.size();
                    socket.shutdownOutput();
                    readUntilClosed();
                    return text().substring(before);
                }
                case CLOSE -> socket.close();
                case RESET -> {
                    socket.setSoLinger(true, 0);
                    socket.close();
                }
                default -> throw new AssertionError(how);
            }
            return "";
        }

        private void read(java.util.function.BooleanSupplier enough) throws IOException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[8192];
            while (!closedByServer && !enough.getAsBoolean()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                socket.setSoTimeout((int) Math.max(1, left));
                try {
                    int n = in.read(chunk);
                    if (n < 0) {
                        closedByServer = true;
                    } else {
                        received.write(chunk, 0, n);
                    }
                } catch (SocketTimeoutException e) {
                    return;
                } catch (SocketException reset) {
                    closedByServer = true;
                }
            }
        }

        private String text() {
            return received.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
