package io.nettle.internal;

import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;

/** A {@link ConnectionLoop} that is a channel's Netty event loop. */
record EventLoopConnectionLoop(EventLoop loop) implements ConnectionLoop {

    @Override
    public boolean inLoop() {
        return loop.inEventLoop();
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    @Override
    public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        var future = loop.schedule(task, delay, unit);
        return () -> future.cancel(false);
    }
}
