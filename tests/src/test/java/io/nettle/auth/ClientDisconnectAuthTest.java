package io.nettle.auth;

import static io.nettle.testing.FaultChecks.assertNoErrorLogged;
import static io.nettle.testing.FaultChecks.serving;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testing.ErrorLog;
import io.nettle.testing.FaultChecks;
import io.nettle.testing.RawSocket.Leave;
import io.nettle.testing.RawSocket;
import io.nettle.websocket.WebSocketRoute;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** What the client sent before it left, while the backend still worked on it. */
    enum Pending {
        /** A request without a body. */
        REQUEST("GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
        /** A request with a body, cut short: 10 of 1000 bytes. */
        REQUEST_WITH_A_BODY("POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123456789"),
        /** A WebSocket handshake. */
        HANDSHAKE(RawSocket.webSocketHandshake("/ws"));

        private final String raw;

        Pending(String raw) {
            this.raw = raw;
        }
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

    // ---------------------------------------------------------------- the backend answers after the client left

    @ParameterizedTest
    @EnumSource(value = Leave.class, names = {"CLOSE", "RESET"})
    void aRequestWhoseClientLeftWhileItsBackendWorkedIsLetGoAndNeverReachesTheEndpoint(Leave leave) throws Exception {
        ErrorLog log = serving(app(), server -> {
            leaveWhileTheBackendWorks(server, Pending.REQUEST, leave);
            // Let go while the backend is still working: the only slot is free again before it answers.
            servesAFreshRequest(server);
            assertThat(answer).as("the first backend call, still pending").isNotDone();
            answerNow();
            servesAFreshRequest(server);
            // Closing, next, runs what is left on the event loops, the late answer's continuation included.
        });
        assertThat(endpointCalls.get()).as("endpoint calls: the two fresh requests', none for the client that left")
            .isEqualTo(2);
        assertNoErrorLogged(log);
    }

    @ParameterizedTest
    @EnumSource(value = Leave.class, names = {"CLOSE", "RESET"})
    void aHandshakeWhoseClientLeftBeforeTheBackendAnsweredEndsWithoutAnError(Leave leave) throws Exception {
        ErrorLog log = serving(app(), server -> {
            leaveWhileTheBackendWorks(server, Pending.HANDSHAKE, leave);
            store.schedule(this::answerNow, 200, TimeUnit.MILLISECONDS);
            servesAFreshRequest(server);
            answer.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        });
        // The server reads while the handshake waits, so it knows the client left before the backend answers.
        assertThat(handlerCalls.get()).as("the handler never ran for a client that left").isZero();
        assertThat(endpointCalls.get()).as("endpoint calls: only the fresh request's").isEqualTo(1);
        assertNoErrorLogged(log);
    }

    // ---------------------------------------------------------------- the backend never answers

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("pendingTimesLeave")
    void aConnectionWhoseBackendIsStillPendingDoesNotHoldTheServerOnceItsClientLeft(Pending pending, Leave leave)
            throws Exception {
        // The pending authentication (its timeout is 30 s) holds nothing that delays the graceful close.
        ErrorLog log = serving(app(), server -> {
            leaveWhileTheBackendWorks(server, pending, leave);
            servesAFreshRequest(server);
        });
        assertThat(handlerCalls.get()).as("the handler never ran").isZero();
        assertThat(endpointCalls.get()).as("endpoint calls: only the fresh request's").isEqualTo(1);
        assertNoErrorLogged(log);
    }

    static Stream<Arguments> pendingTimesLeave() {
        return Stream.of(Pending.values())
            .flatMap(pending -> Stream.of(Leave.CLOSE, Leave.RESET).map(leave -> Arguments.of(pending, leave)));
    }

    // ---------------------------------------------------------------- the client and the checks

    /** A client sends {@code pending}, waits until the backend works on it (for the first connection: until a test answers), and leaves. */
    private void leaveWhileTheBackendWorks(Server server, Pending pending, Leave leave) throws Exception {
        try (RawSocket peer = RawSocket.connect(server)) {
            peer.send(pending.raw);
            assertThat(backendCalled.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the backend runs").isTrue();
            peer.leave(leave);
        }
    }

    /** A fresh connection gets {@code 200 hi tom}, once the server let go of the connection of the client that left. */
    private static void servesAFreshRequest(Server server) throws Exception {
        FaultChecks.servesAFreshRequest(server, "hi tom");
    }
}
