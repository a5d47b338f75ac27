package io.nettle.internal;

import java.util.concurrent.Executor;

/**
 * The single thread that owns one connection: its I/O, its handler state and every
 * continuation that touches them. On a server this is the channel's Netty event loop; in the
 * {@code TestClient} it is the test's own thread.
 */
public interface ConnectionLoop extends Executor {

    /** Whether the caller runs on this loop (and may touch the connection directly). */
    boolean inLoop();

    /** Runs {@code task} now when on the loop, else schedules it there. */
    default void run(Runnable task) {
        if (inLoop()) {
            task.run();
        } else {
            execute(task);
        }
    }
}
