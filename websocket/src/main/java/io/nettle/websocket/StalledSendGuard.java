package io.nettle.websocket;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Notices a peer that stopped reading while messages are being sent to it: sends are pending
 * and none of them completed for a whole write timeout. {@code maxPendingSendBytes} bounds what
 * such a peer can make the server buffer; this bounds how long a sender that waits for each
 * send can wait.
 *
 * <p>Cheap per message (two counters); at most one check is scheduled per connection at a
 * time, and none while nothing is pending. Confined to the connection's event loop.
 */
final class StalledSendGuard implements Runnable {
    private final EventExecutor loop;
    private final long timeoutNanos;
    private final Runnable onStall;
    private int pending;
    private long completed;
    private long completedAtCheck;
    private ScheduledFuture<?> check;

    StalledSendGuard(EventExecutor loop, long timeoutNanos, Runnable onStall) {
        this.loop = loop;
        this.timeoutNanos = timeoutNanos;
        this.onStall = onStall;
    }

    /** A send was written (and flushed). */
    void started() {
        pending++;
        if (check == null) {
            completedAtCheck = completed;
            check = loop.schedule(this, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A send completed, successfully or not. */
    void finished() {
        pending--;
        completed++;
    }

    /** The check: a stall when sends are pending and none completed since the last check. */
    @Override
    public void run() {
        check = null;
        if (pending == 0) {
            return;
        }
        if (completed == completedAtCheck) {
            onStall.run();
            return;
        }
        completedAtCheck = completed;
        check = loop.schedule(this, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** The connection is gone: no more checks. */
    void stop() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
