package io.nettle.http;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The single thread that owns one connection: its I/O and every continuation that touches it.
 * On a server this is the connection's Netty event loop; in the {@code TestClient} in memory it
 * is the test's own thread. Middleware that waits for something (an authentication backend, a
 * session store) comes back here before it carries on, so that the rest of the request runs in
 * order with the connection's own work:
 * <pre>{@code
 * store.load(id).thenAcceptAsync(session -> ..., request.executor())
 * }</pre>
 * Never block on it; blocking work goes to {@link Connection#runBlocking}.
 */
public interface ConnectionExecutor extends Executor {

    /** Whether the caller runs on this connection's thread (and may carry on directly). */
    boolean inLoop();

    /**
     * Schedules {@code task} on this thread after {@code delay}, unless cancelled first; for
     * timeouts. A connection has one such slot: scheduling again replaces the task scheduled
     * before, which is what lets a busy connection time every request at almost no cost (the
     * slot keeps at most one task scheduled and moves it lazily). Call it on this thread.
     */
    Cancellable timeout(Runnable task, long delay, TimeUnit unit);

    /** Runs {@code task} now when on this thread, else schedules it there. */
    default void run(Runnable task) {
        if (inLoop()) {
            task.run();
        } else {
            execute(task);
        }
    }

    /** A scheduled task that may be called off. */
    @FunctionalInterface
    interface Cancellable {
        /** Calls the task off if it has not run yet. */
        void cancel();
    }
}
