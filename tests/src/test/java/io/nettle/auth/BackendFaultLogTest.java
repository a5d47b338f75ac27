package io.nettle.auth;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testing.ErrorLog;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import io.nettle.websocket.CloseCodes;
import io.nettle.websocket.WebSocketRoute;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults of a backend are logged once per event: a backend that throws or fails its stage is a
 * server fault (one ERROR per request or handshake, and the client gets a 500 or 1011 without
 * detail); one that never answers is an outage the middleware answers for (503 or 1011, a
 * WARN, no ERROR).
 */
@OnEveryProtocol
class BackendFaultLogTest {
    private final Wire wire;

    BackendFaultLogTest(Wire wire) {
        this.wire = wire;
    }

    private static final int EVENTS = 3;

    enum Fault {
        THROWS(500, CloseCodes.INTERNAL_ERROR, 1) {
            @Override
            AuthenticationBackend backend() {
                return connection -> {
                    throw new IllegalStateException("backend bug");
                };
            }
        },
        FAILS_ITS_STAGE(500, CloseCodes.INTERNAL_ERROR, 1) {
            @Override
            AuthenticationBackend backend() {
                return connection -> CompletableFuture.failedFuture(new IOException("directory down"));
            }
        },
        FAILS_ITS_STAGE_LATER(500, CloseCodes.INTERNAL_ERROR, 1) {
            @Override
            AuthenticationBackend backend() {
                return connection -> CompletableFuture.supplyAsync(() -> {
                    throw new IllegalStateException("directory down");
                }, CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS));
            }
        },
        NEVER_ANSWERS(503, CloseCodes.INTERNAL_ERROR, 0) {
            @Override
            AuthenticationBackend backend() {
                return connection -> new CompletableFuture<>();
            }
        };

        final int status;
        final int closeCode;
        final int errorsPerEvent;

        Fault(int status, int closeCode, int errorsPerEvent) {
            this.status = status;
            this.closeCode = closeCode;
            this.errorsPerEvent = errorsPerEvent;
        }

        abstract AuthenticationBackend backend();
    }

    private static App app(Fault fault) {
        return App.builder()
            .middleware(AuthenticationMiddleware.builder(fault.backend()).timeout(Duration.ofMillis(100)).build())
            .route(Route.get("/", Endpoint.sync(request -> Response.text("ok"))))
            .route(WebSocketRoute.of("/ws", ws -> ws.accept()))
            .build();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void eachFailedRequestIsLoggedAtMostOnce(Fault fault) {
        ErrorLog log = ErrorLog.capture();
        try (log; TestClient client = TestClient.of(app(fault), wire)) {
            for (int i = 0; i < EVENTS; i++) {
                assertThat(client.get("/")).hasStatus(fault.status);
            }
        }
        assertThat(log.errorLines()).as("ERROR lines for %d requests:%n%s", EVENTS, log.text())
            .isEqualTo((long) EVENTS * fault.errorsPerEvent);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void eachFailedHandshakeIsLoggedAtMostOnce(Fault fault) {
        Assumptions.assumeTrue(wire != Wire.HTTP2, "a WebSocket handshake is an HTTP/1.1 Upgrade on every wire (no RFC 8441 "
            + "extended CONNECT): on HTTP2 this would only repeat the NIO run");
        ErrorLog log = ErrorLog.capture();
        try (log; TestClient client = TestClient.of(app(fault), wire)) {
            for (int i = 0; i < EVENTS; i++) {
                assertThat(WebSocketAuthTest.denial(client, "/ws", Map.of()).code()).isEqualTo(fault.closeCode);
            }
        }
        assertThat(log.errorLines()).as("ERROR lines for %d handshakes:%n%s", EVENTS, log.text())
            .isEqualTo((long) EVENTS * fault.errorsPerEvent);
    }
}
