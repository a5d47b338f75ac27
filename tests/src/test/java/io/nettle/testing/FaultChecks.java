package io.nettle.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.nettle.App;
import io.nettle.Server;
import java.io.IOException;
import java.time.Duration;

/**
 * The checks that close a fault test over real sockets (a client that disconnects mid-request,
 * mid-response or mid-handshake): the server let go of the faulty connection and logged nothing
 * at ERROR, since a client leaving is not a server error.
 *
 * <p>"Let go of the connection" is proved on a server with {@code maxConnections(1)}: while the
 * faulty connection were held, a new one would be refused with {@code 503}
 * ({@link #servesAFreshRequest}); and by a graceful {@code Server.close()} finishing well within
 * its grace period ({@link #closesPromptly}). Published to other modules' tests through
 * testkit's test-jar.
 * <pre>{@code
 * ErrorLog log = FaultChecks.serving(app, server -> {
 *     ... // a client leaves
 *     FaultChecks.servesAFreshRequest(server, "ok");
 * });
 * FaultChecks.assertNoErrorLogged(log);
 * }</pre>
 */
public final class FaultChecks {
    /** How long the server may take to notice that a client left, and to answer a fresh request. */
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    /** Well within any grace period the fault tests give {@code Server.close()}. */
    private static final Duration PROMPTLY = Duration.ofSeconds(3);

    private FaultChecks() {
    }

    /** What a test does with a running server (see {@link #serving}). */
    @FunctionalInterface
    public interface ServerSteps {
        void run(Server server) throws Exception;
    }

    /**
     * Serves {@code app} on 127.0.0.1 (a free port) while capturing {@code System.err}, runs
     * {@code steps} with the server, then closes it and checks that the graceful close was prompt
     * ({@link #closesPromptly}). Returns the log, closed, for the test to check its ERROR lines:
     * all that the server logged, including what ran on its event loops while it closed.
     */
    public static ErrorLog serving(App app, ServerSteps steps) throws Exception {
        ErrorLog log = ErrorLog.capture();
        try (log; Server server = app.serve("127.0.0.1", 0)) {
            steps.run(server);
            closesPromptly(server);
        }
        return log;
    }

    /**
     * A fresh connection's {@code GET /} (with {@code Connection: close}) is answered
     * {@code 200 OK} with the body {@code body}. With {@code maxConnections(1)} it is refused
     * with {@code 503} (or cut before its answer) for as long as the server holds the faulty
     * connection; the server learns of the client leaving asynchronously, so it may take a few
     * tries, within 5 seconds.
     */
    public static void servesAFreshRequest(Server server, String body) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int refused = 0;
        while (true) {
            String raw;
            try (RawSocket fresh = RawSocket.connect(server)) {
                raw = fresh.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readUntilClosed(PATIENCE);
            } catch (IOException refusedMidWrite) {
                raw = "";
            }
            if (raw.startsWith("HTTP/1.1 200 OK") && raw.endsWith("\r\n\r\n" + body)) {
                return;
            }
            assertThat(raw).as("a fresh request is served or refused for want of a free connection")
                .matches(r -> r.isEmpty() || r.startsWith("HTTP/1.1 503"), "empty or 503");
            refused++;
            if (System.nanoTime() > deadline) {
                fail("the faulty connection (its client left) still holds the only connection slot after %s: "
                    + "%d fresh requests refused", PATIENCE, refused);
            }
            Thread.sleep(20);
        }
    }

    /**
     * A graceful {@code server.close()} finishes within 3 seconds, well within the server's grace
     * period (the fault tests give it 10 s): no connection is left in flight.
     */
    public static void closesPromptly(Server server) {
        long start = System.nanoTime();
        server.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a graceful Server.close()").isLessThan(PROMPTLY);
    }

    /** Nothing was logged at ERROR while {@code log} captured (WARN or DEBUG would be fine). */
    public static void assertNoErrorLogged(ErrorLog log) {
        assertThat(log.errorLines()).as("ERROR lines for a client that left (WARN/DEBUG would be fine):\n%s", log.text()).isZero();
    }
}
