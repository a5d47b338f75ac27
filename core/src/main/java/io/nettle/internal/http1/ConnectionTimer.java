package io.nettle.internal.http1;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one timeout a connection is under at any moment: waiting for the next request (idle), for
 * the rest of a request head, for more of a body, or for the peer to read what was written.
 * Confined to the connection's event loop.
 *
 * <p>Cheap on the hot path: arming costs a clock read and a few field writes. At most one task
 * is scheduled per connection; when it fires early (the deadline moved later meanwhile) it
 * schedules itself again for the rest, so a busy keep-alive connection schedules about once
 * per idle timeout rather than once per request.
 */
final class ConnectionTimer implements Runnable {
    /** What the connection is waiting for. */
    enum Wait {
        /** Nothing: the application is working on a request. */
        NONE,
        /** The next request (keep-alive). */
        IDLE,
        /** The rest of a request head whose first bytes arrived. */
        HEAD,
        /** More of a request body. */
        BODY,
        /** The peer to read the response (the channel is not writable). */
        WRITE
    }

    private final EventExecutor executor;
    private final Consumer<Wait> onExpiry;
    private Wait wait = Wait.NONE;
    private long deadline;
    private ScheduledFuture<?> task;
    private long taskAt;
    private boolean stopped;

    ConnectionTimer(EventExecutor executor, Consumer<Wait> onExpiry) {
        this.executor = executor;
        this.onExpiry = onExpiry;
    }

    /** Waits for {@code what} at most {@code nanos} from now, replacing the current wait. */
    void arm(Wait what, long nanos) {
        wait = what;
        deadline = System.nanoTime() + nanos;
        if (!stopped && (task == null || taskAt - deadline > 0)) {
            if (task != null) {
                task.cancel(false);
            }
            schedule(deadline, nanos);
        }
    }

    /** Like {@link #arm}, but keeps the running deadline when already waiting for {@code what}. */
    void armOnce(Wait what, long nanos) {
        if (wait != what) {
            arm(what, nanos);
        }
    }

    /** Waits for nothing (the task, if any, stays scheduled and finds nothing to do). */
    void disarm() {
        wait = Wait.NONE;
    }

    Wait waiting() {
        return wait;
    }

    /** Ends all timing for good: the connection closed or was handed over. */
    void stop() {
        stopped = true;
        wait = Wait.NONE;
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    @Override
    public void run() {
        task = null;
        if (stopped || wait == Wait.NONE) {
            return;
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
            schedule(deadline, left);
            return;
        }
        Wait expired = wait;
        wait = Wait.NONE;
        onExpiry.accept(expired);
    }

    private void schedule(long at, long nanos) {
        taskAt = at;
        task = executor.schedule(this, nanos, TimeUnit.NANOSECONDS);
    }
}
