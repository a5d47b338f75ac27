package io.nettle.internal.http1;

import static io.nettle.testing.FaultChecks.assertNoErrorLogged;
import static io.nettle.testing.FaultChecks.servesAFreshRequest;
import static io.nettle.testing.FaultChecks.serving;
import static io.nettle.testing.RawSocket.webSocketHandshake;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testing.ErrorLog;
import io.nettle.testing.FaultChecks.ServerSteps;
import io.nettle.testing.RawSocket.Leave;
import io.nettle.testing.RawSocket;
import io.nettle.websocket.CloseCodes;
import io.nettle.websocket.WebSocket;
import io.nettle.websocket.WebSocketDisconnect;
import io.nettle.websocket.WebSocketOptions;
import io.nettle.websocket.WebSocketRoute;
import java.io.IOException;
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
 * <p>"Let go of the connection" is proved with {@code maxConnections(1)} (see {@link FaultChecks}):
 * while the faulty connection were held, a new one would be refused with {@code 503}; and by a
 * graceful {@code Server.close()} finishing well within its 10 s grace period. Every timeout of the server
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
        ErrorLog log = serving(app(), server -> {
            try (RawSocket peer = RawSocket.connect(server)) {
                String raw = peer.send("GET /boom HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readUntilClosed(PATIENCE);
                assertThat(raw).startsWith("HTTP/1.1 500").endsWith("Internal Server Error");
            }
        });
        assertThat(log.errorLines()).as("one ERROR for one failed request:\n%s", log.text()).isEqualTo(1);
        assertThat(log.text()).contains("deliberate failure of the log capture's sanity check");
    }

    // ---------------------------------------------------------------- mid-request

    @ParameterizedTest
    @EnumSource(Leave.class)
    void aHeadCutHalfway(Leave leave) throws Exception {
        assertNoErrorLogged(afterFault(server -> {
            try (RawSocket peer = RawSocket.connect(server)) {
                leave(peer.send("GET / HTTP/1.1\r\nHost: x\r\nX-Cut: hal"), leave);
            }
        }));
    }

    @ParameterizedTest
    @EnumSource(Leave.class)
    void aBodyCutShortWhileTheEndpointAwaitsBody(Leave leave) throws Exception {
        bodyCutShort("POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123456789", leave);
    }

    @ParameterizedTest
    @EnumSource(Leave.class)
    void aBodyCutShortWhileTheEndpointAwaitsText(Leave leave) throws Exception {
        bodyCutShort("POST /text HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123456789", leave);
    }

    @ParameterizedTest
    @EnumSource(Leave.class)
    void aChunkedBodyCutInTheMiddleOfAChunk(Leave leave) throws Exception {
        bodyCutShort("POST /body HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n10\r\n01234", leave);
    }

    /** The client sends {@code request}, whose body stops short, and leaves once the endpoint runs. */
    private void bodyCutShort(String request, Leave leave) throws Exception {
        ErrorLog log = afterFault(server -> leaveOnceCalled(server, request, leave));
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
        assertNoErrorLogged(afterFault(server -> {
            try (RawSocket peer = RawSocket.connect(server, 8 * 1024)) {
                String start = peer.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n").readAtLeast(100, PATIENCE);
                assertThat(start).as("received within %s", PATIENCE).hasSizeGreaterThanOrEqualTo(100)
                    .startsWith("HTTP/1.1 200 OK").containsIgnoringCase("content-length: " + BIG.length);
                peer.leave(leave);
            }
        }));
    }

    @ParameterizedTest
    @EnumSource(value = Leave.class, names = {"CLOSE", "RESET"})
    void anAsyncEndpointAnsweringAfterTheClientLeft(Leave leave) throws Exception {
        assertNoErrorLogged(lateEndpointAfterTheClientLeft("/late", leave));
    }

    @Test
    void anAsyncEndpointFailingAfterTheClientLeftIsLoggedOnce() throws Exception {
        ErrorLog log = lateEndpointAfterTheClientLeft("/late-failure", Leave.RESET);
        // At most one ERROR: the endpoint's own failure is a server error worth one line (as for any
        // unhandled exception), whether or not its client is still there to get the 500; the client
        // leaving adds nothing.
        assertThat(log.errorLines()).as("ERROR lines:\n%s", log.text()).isLessThanOrEqualTo(1);
    }

    /** The client of the late endpoint at {@code path} leaves once it runs; the endpoint answers (or fails) 200 ms after. */
    private ErrorLog lateEndpointAfterTheClientLeft(String path, Leave leave) throws Exception {
        return afterFault(server -> {
            leaveOnceCalled(server, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n", leave);
            clientLeft.complete(null);
            assertAnsweredLate();
        });
    }

    @ParameterizedTest
    @EnumSource(value = Leave.class, names = {"CLOSE", "RESET"})
    void aPipelinedBatchLeftAfterItsFirstResponse(Leave leave) throws Exception {
        assertNoErrorLogged(afterFault(server -> {
            try (RawSocket peer = RawSocket.connect(server, 8 * 1024)) {
                String first = peer.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n" + "GET /late HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /big HTTP/1.1\r\nHost: x\r\n\r\n" + "GET / HTTP/1.1\r\nHost: x\r\n\r\n".repeat(3)).readUntil("ok", PATIENCE);
                assertThat(first).startsWith("HTTP/1.1 200 OK").endsWith("\r\n\r\nok");
                assertCalled("the second request runs");
                peer.leave(leave);
            }
            clientLeft.complete(null);
            assertAnsweredLate();
        }));
    }

    // ---------------------------------------------------------------- mid-handshake

    @ParameterizedTest
    @EnumSource(value = Leave.class, names = {"CLOSE", "RESET"})
    void aWebSocketAcceptedAfterItsClientLeftBeforeThe101(Leave leave) throws Exception {
        assertNoErrorLogged(afterFault(server -> {
            leaveOnceCalled(server, webSocketHandshake("/ws/deferred"), leave);
            clientLeft.complete(null);
            assertClosedAbnormally();
            Object accepted = wsOutcome.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            if (accepted instanceof Throwable failure) {
                assertThat(failure).as("accept() failed because the client was gone").isInstanceOf(WebSocketDisconnect.class);
            }
        }));
    }

    @ParameterizedTest
    @EnumSource(value = Leave.class, names = {"CLOSE", "RESET"})
    void aWebSocketLeftRightAfterThe101WhileItsHandlerAwaitsReceiveText(Leave leave) throws Exception {
        assertNoErrorLogged(afterFault(server -> {
            try (RawSocket peer = RawSocket.connect(server)) {
                upgrade(peer, "/ws/receive");
                assertCalled("accepted");
                peer.leave(leave);
            }
            assertThat(wsOutcome.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the pending receiveText()")
                .isInstanceOfSatisfying(WebSocketDisconnect.class,
                    d -> assertThat(d.code()).isEqualTo(CloseCodes.ABNORMAL_CLOSURE));
            assertClosedAbnormally();
        }));
    }

    @ParameterizedTest
    @EnumSource(value = Leave.class, names = {"CLOSE", "RESET"})
    void aWebSocketLeftWhileTheServerSendsALargeMessage(Leave leave) throws Exception {
        assertNoErrorLogged(afterFault(server -> {
            try (RawSocket peer = RawSocket.connect(server, 8 * 1024)) {
                String head = upgrade(peer, "/ws/big");
                assertThat(peer.readAtLeast(head.length() + 1000, PATIENCE)).as("some of the message came within %s", PATIENCE)
                    .hasSizeGreaterThanOrEqualTo(head.length() + 1000);
                peer.leave(leave);
            }
            assertThat(wsOutcome.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the send of 16 MiB")
                .isInstanceOf(WebSocketDisconnect.class);
            assertClosedAbnormally();
        }));
    }

    @ParameterizedTest
    @EnumSource(value = Leave.class, names = {"CLOSE", "RESET"})
    void aWebSocketWhoseHandlerHasNotDecidedYetWhenItsClientLeaves(Leave leave) throws Exception {
        assertNoErrorLogged(afterFault(server -> {
            leaveOnceCalled(server, webSocketHandshake("/ws/undecided"), leave);
            assertClosedAbnormally();
        }));
    }

    @ParameterizedTest
    @EnumSource(value = Leave.class, names = {"CLOSE", "RESET"})
    void aRequestWhoseEndpointIsStillWorkingWithoutHavingAskedForItsBodyWhenItsClientLeaves(Leave leave) throws Exception {
        assertNoErrorLogged(afterFault(server ->
            leaveOnceCalled(server, "POST /working HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123456789", leave)));
    }

    @Test
    void aClientSendingDataBeforeThe101IsClosedInsteadOfUpgraded() throws Exception {
        assertNoErrorLogged(afterFault(server -> {
            try (RawSocket peer = RawSocket.connect(server)) {
                peer.send(webSocketHandshake("/ws/undecided"));
                assertCalled("the handler runs");
                // A masked text frame "hi", which RFC 6455 §4.1 forbids before the server's answer.
                peer.send(new String(new byte[] {(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, 'h' ^ 1, 'i' ^ 2},
                    StandardCharsets.ISO_8859_1));
                assertThat(peer.readUntilClosed(PATIENCE)).as("no 101 after early data").isEmpty();
            }
            assertClosedAbnormally();
        }));
    }

    // ---------------------------------------------------------------- the fault and the checks

    /**
     * Serves {@link #app()} while capturing the log, lets {@code fault} happen to it, then checks
     * that the server let go of the connection: it serves a fresh request and closes promptly.
     * Returns the (closed) log, for the test to check its ERROR lines.
     */
    private ErrorLog afterFault(ServerSteps fault) throws Exception {
        return serving(app(), server -> {
            fault.run(server);
            servesAFreshRequest(server, "ok");
        });
    }

    /** A client sends {@code request}, waits until the endpoint (or WebSocket handler) under test runs, and leaves. */
    private void leaveOnceCalled(Server server, String request, Leave leave) throws Exception {
        try (RawSocket peer = RawSocket.connect(server)) {
            peer.send(request);
            assertCalled("the endpoint or handler runs");
            leave(peer, leave);
        }
    }

    /**
     * Leaves as told; a client that half-closes reads on, to see that the server writes nothing
     * for the cut request (it has written nothing before on this connection) and closes its side.
     */
    private static void leave(RawSocket peer, Leave leave) throws IOException {
        peer.leave(leave);
        if (leave == Leave.HALF_CLOSE) {
            assertThat(peer.readUntilClosed(PATIENCE)).as("nothing written for a request that never came whole").isEmpty();
            assertThat(peer.closedByPeer()).as("the server closed its side").isTrue();
        }
    }

    /** Sends the WebSocket handshake for {@code path} and reads the server's {@code 101} head; returns it. */
    private static String upgrade(RawSocket peer, String path) throws IOException {
        String head = peer.send(webSocketHandshake(path)).readUntil("\r\n\r\n", PATIENCE);
        assertThat(head).as("received within %s", PATIENCE).startsWith("HTTP/1.1 101").endsWith("\r\n\r\n");
        return head;
    }

    private void assertCalled(String what) throws InterruptedException {
        assertThat(called.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as(what).isTrue();
    }

    private void assertAnsweredLate() throws InterruptedException {
        assertThat(answeredLate.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("answered (or failed) 200 ms after").isTrue();
    }

    private void assertClosedAbnormally() throws Exception {
        assertThat(wsClosed.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("onClose").isEqualTo(CloseCodes.ABNORMAL_CLOSURE);
    }
}
