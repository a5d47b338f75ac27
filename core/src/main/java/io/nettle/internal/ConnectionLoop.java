package io.nettle.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The single thread that owns one connection: its I/O, its handler state and every
 * continuation that touches them. On a server this is the channel's Netty event loop; in the
 * {@code TestClient} it is the test's own thread.
 */
public interface ConnectionLoop extends Executor {

    /** Whether the caller runs on this loop (and may touch the connection directly). */
    boolean inLoop();

    /**
     * Arms the connection's one timeout: {@code onExpiry} runs on the loop after {@code delay}
     * unless cancelled first. A connection serves one request at a time, so one slot is
     * enough; arming again replaces the timeout armed before. Call it on the loop.
     *
     * <p>Cheap per request: on a server the slot keeps at most one task scheduled on the
     * event loop and moves it lazily, so a busy connection does not schedule and cancel a
     * timer for every request.
     */
    Cancellable timeout(Runnable onExpiry, long delay, TimeUnit unit);

    /** Runs {@code task} now when on the loop, else schedules it there. */
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
