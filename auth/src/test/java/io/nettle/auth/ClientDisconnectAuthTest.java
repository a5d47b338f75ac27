package io.nettle.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.websocket.WebSocketRoute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults: a client that disconnects while its authentication is still pending, over real
 * sockets, for a request and for a WebSocket handshake. After each, the server must have let go
 * of the connection (with {@code maxConnections(1)} a fresh request is served, not refused with
 * {@code 503}; a graceful {@code Server.close()} ends well within its grace period), must not
 * run the rest of the chain for nobody where it knows the client left, and must have logged
 * nothing at ERROR. The leak guard checks every test for leaked buffers.
 */
class ClientDisconnectAuthTest {
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final Duration GRACE = Duration.ofSeconds(10);
    /** Longer than any test waits: a connection that is gone was closed because the client left, not by this timeout. */
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(30);
    private static final String UPGRADE = " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    /** How the client leaves. */
    enum Leave {
        /** Closes the socket: FIN. */
        CLOSE,
        /** {@code SO_LINGER} 0, then close: RST. */
        RESET
    }

    private final ScheduledExecutorService store = Executors.newSingleThreadScheduledExecutor();
    /**
     * The backend's answer to the first connection (the client that leaves): {@code tom} with scope
     * {@code authenticated}, when a test completes it. Later connections (the fresh requests) are answered at once.
     */
    private final CompletableFuture<Optional<AuthResult>> answer = new CompletableFuture<>();
    private final AtomicInteger backendCalls = new AtomicInteger();
    private final CountDownLatch backendCalled = new CountDownLatch(1);
    private final AtomicInteger endpointCalls = new AtomicInteger();
    private final AtomicInteger handlerCalls = new AtomicInteger();

    @AfterEach
    void stopStore() {
        store.shutdownNow();
    }

    private App app() {
        AuthenticationBackend pending = connection -> {
            if (backendCalls.getAndIncrement() == 0) {
                backendCalled.countDown();
                return answer;
            }
            return CompletableFuture.completedFuture(Optional.of(AuthResult.user("tom", "authenticated")));
        };
        return App.builder()
            .settings(ServerSettings.builder().maxConnections(1).shutdownGracePeriod(GRACE).build())
            .middleware(AuthenticationMiddleware.builder(pending).timeout(AUTH_TIMEOUT).build())
            .route(Route.get("/", Endpoint.sync(r -> {
                endpointCalls.incrementAndGet();
                return Response.text("hi " + r.user().displayName());
            })))
            .route(Route.post("/body", r -> {
                endpointCalls.incrementAndGet();
                return r.body().thenApply(b -> Response.text("got " + b.length));
            }))
            .route(WebSocketRoute.of("/ws", ws -> {
                handlerCalls.incrementAndGet();
                ws.accept();
            }))
            .build();
    }

    /** The backend answers the first connection now, on this thread (its answer is taken on that connection's loop). */
    private void answerNow() {
        answer.complete(Optional.of(AuthResult.user("tom", "authenticated")));
    }

    // ---------------------------------------------------------------- a request

    @ParameterizedTest
    @EnumSource(Leave.class)
    void aRequestWhoseClientLeftWhileItsBackendWorkedIsLetGoAndNeverReachesTheEndpoint(Leave leave) throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app().serve("127.0.0.1", 0)) {
            try (Peer peer = Peer.connect(server)) {
                peer.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(backendCalled.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the backend runs").isTrue();
                peer.leave(leave);
            }
            // Let go while the backend is still working: the only slot is free again before it answers.
            servesAFreshRequest(server);
            assertThat(answer).as("the first backend call, still pending").isNotDone();
            answerNow();
            servesAFreshRequest(server);
            // Closing runs what is left on the event loops, the late answer's continuation included.
            closesPromptly(server);
        }
        assertThat(endpointCalls.get()).as("endpoint calls: the two fresh requests', none for the client that left")
            .isEqualTo(2);
        assertNoErrorLogged(log);
    }

    @ParameterizedTest
    @EnumSource(Leave.class)
    void aRequestWhoseBackendNeverAnswersDoesNotHoldTheServerOnceItsClientLeft(Leave leave) throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app().serve("127.0.0.1", 0)) {
            try (Peer peer = Peer.connect(server)) {
                peer.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(backendCalled.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the backend runs").isTrue();
                peer.leave(leave);
            }
            servesAFreshRequest(server);
            // The pending authentication (its timeout is 30 s) holds nothing that delays a graceful close.
            closesPromptly(server);
        }
        assertThat(endpointCalls.get()).as("endpoint calls: only the fresh request's").isEqualTo(1);
        assertNoErrorLogged(log);
    }

    // ---------------------------------------------------------------- a WebSocket handshake

    @ParameterizedTest
    @EnumSource(Leave.class)
    void aHandshakeWhoseClientLeftBeforeTheBackendAnsweredEndsWithoutAnError(Leave leave) throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app().serve("127.0.0.1", 0)) {
            try (Peer peer = Peer.connect(server)) {
                peer.send("GET /ws" + UPGRADE);
                assertThat(backendCalled.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the backend runs").isTrue();
                peer.leave(leave);
            }
            store.schedule(this::answerNow, 200, TimeUnit.MILLISECONDS);
            servesAFreshRequest(server);
            answer.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            closesPromptly(server);
        }
        // The server reads while the handshake waits, so it knows the client left before the backend answers.
        assertThat(handlerCalls.get()).as("the handler never ran for a client that left").isZero();
        assertThat(endpointCalls.get()).as("endpoint calls: only the fresh request's").isEqualTo(1);
        assertNoErrorLogged(log);
    }

    @ParameterizedTest
    @EnumSource(Leave.class)
    void aHandshakeWhoseBackendIsStillPendingDoesNotHoldTheServerOnceItsClientLeft(Leave leave) throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app().serve("127.0.0.1", 0)) {
            try (Peer peer = Peer.connect(server)) {
                peer.send("GET /ws" + UPGRADE);
                assertThat(backendCalled.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the backend runs").isTrue();
                peer.leave(leave);
            }
            servesAFreshRequest(server);
            closesPromptly(server);
        }
        assertThat(handlerCalls.get()).as("the handler never ran").isZero();
        assertNoErrorLogged(log);
    }

    @ParameterizedTest
    @EnumSource(Leave.class)
    void aRequestWithABodyWhoseBackendIsStillPendingDoesNotHoldTheServerOnceItsClientLeft(Leave leave) throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app().serve("127.0.0.1", 0)) {
            try (Peer peer = Peer.connect(server)) {
                peer.send("POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123456789");
                assertThat(backendCalled.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the backend runs").isTrue();
                peer.leave(leave);
            }
            servesAFreshRequest(server);
            closesPromptly(server);
        }
        assertThat(endpointCalls.get()).as("endpoint calls: only the fresh request's").isEqualTo(1);
        assertNoErrorLogged(log);
    }

    // ---------------------------------------------------------------- checks

    private static void assertNoErrorLogged(ErrorLog log) {
        assertThat(log.errorLines()).as("ERROR lines for a client that left (WARN/DEBUG would be fine):\n%s", log.text()).isZero();
    }

    /**
     * A fresh connection gets {@code 200 hi tom}. With {@code maxConnections(1)} it is refused
     * with {@code 503} for as long as the server holds the old connection; the server learns of
     * the client leaving asynchronously, so it may take a few tries, within {@link #PATIENCE}.
     */
    private static void servesAFreshRequest(Server server) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int refused = 0;
        while (true) {
            String raw;
            try (Peer fresh = Peer.connect(server)) {
                raw = fresh.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readUntilClosed(PATIENCE);
            } catch (IOException refusedMidWrite) {
                raw = "";
            }
            if (raw.startsWith("HTTP/1.1 200 OK") && raw.endsWith("\r\n\r\nhi tom")) {
                return;
            }
            assertThat(raw).as("a fresh request is served or refused for want of a free connection")
                .matches(r -> r.isEmpty() || r.startsWith("HTTP/1.1 503"), "empty or 503");
            refused++;
            if (System.nanoTime() > deadline) {
                fail("the connection of the client that left still holds the only connection slot after %s: "
                    + "%d fresh requests refused", PATIENCE, refused);
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

    /**
     * Captures {@code System.err} (passing it on) while open, to count the lines logged at ERROR:
     * slf4j-simple looks {@code System.err} up at each write, so every log line meanwhile is seen.
     */
    private static final class ErrorLog implements AutoCloseable {
        private final PrintStream original = System.err;
        private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

        static ErrorLog capture() {
            ErrorLog log = new ErrorLog();
            System.setErr(new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    synchronized (log.captured) {
                        log.captured.write(bytes, offset, length);
                    }
                    log.original.write(bytes, offset, length);
                }
            }, true, StandardCharsets.UTF_8));
            return log;
        }

        String text() {
            synchronized (captured) {
                return captured.toString(StandardCharsets.UTF_8);
            }
        }

        long errorLines() {
            return text().lines().filter(line -> line.contains(" ERROR ")).count();
        }

        @Override
        public void close() {
            System.err.flush();
            System.setErr(original);
        }
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
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), (int) PATIENCE.toMillis());
            socket.setTcpNoDelay(true);
            return new Peer(socket);
        }

        Peer send(String raw) throws IOException {
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return this;
        }

        /** Reads until the server closes or {@code within} passes; returns all received. */
        String readUntilClosed(Duration within) throws IOException {
            long deadline = System.nanoTime() + within.toNanos();
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[8192];
            while (!closedByServer) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
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
                    break;
                } catch (SocketException reset) {
                    closedByServer = true;
                }
            }
            return received.toString(StandardCharsets.ISO_8859_1);
        }

        void leave(Leave how) throws IOException {
            if (how == Leave.RESET) {
                socket.setSoLinger(true, 0);
            }
            socket.close();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
