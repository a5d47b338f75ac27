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
     * Runs {@code task} on the loop after {@code delay}. Cheap from the loop itself: a timer
     * cancelled on the loop leaves nothing behind.
     */
    Cancellable schedule(Runnable task, long delay, TimeUnit unit);

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
