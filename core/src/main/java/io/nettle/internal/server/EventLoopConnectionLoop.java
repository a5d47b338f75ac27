package io.nettle.internal.server;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.nettle.http.ConnectionExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ConnectionExecutor} that is a channel's Netty event loop. Its timeout slot keeps at most
 * one task scheduled: a task that fires before the current deadline (the slot was re-armed
 * later meanwhile) schedules itself again for the rest, and cancelling only clears the slot.
 */
final class EventLoopConnectionLoop implements ConnectionExecutor, Runnable {
    private final EventLoop loop;
    private Runnable onExpiry;
    private long deadline;
    private ScheduledFuture<?> task;
    private long taskAt;

    EventLoopConnectionLoop(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public boolean inLoop() {
        return loop.inEventLoop();
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    @Override
    public Cancellable timeout(Runnable onExpiry, long delay, TimeUnit unit) {
        this.onExpiry = onExpiry;
        long nanos = unit.toNanos(delay);
        deadline = System.nanoTime() + nanos;
        if (task == null || taskAt - deadline > 0) {
            if (task != null) {
                task.cancel(false);
            }
            schedule(deadline, nanos);
        }
        return () -> {
            if (this.onExpiry == onExpiry) {
                this.onExpiry = null;
            }
        };
    }

    /** The scheduled task: expire the slot, or move on to the slot's later deadline. */
    @Override
    public void run() {
        task = null;
        if (onExpiry == null) {
            return;
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
            schedule(deadline, left);
            return;
        }
        Runnable expired = onExpiry;
        onExpiry = null;
        expired.run();
    }

    private void schedule(long at, long nanos) {
        taskAt = at;
        task = loop.schedule(this, nanos, TimeUnit.NANOSECONDS);
    }
}
