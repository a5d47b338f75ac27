package io.nettle.internal.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The connections a server serves, to drain and close them when it stops, and how many of them
 * count against {@code ServerSettings.maxConnections()}. A connection is forgotten when it
 * closes, by a listener shared by all of them: a connection costs its entry in the set and
 * nothing else (Netty's {@code ChannelGroup} with a counting listener of its own cost every
 * connection two listeners and the list holding them).
 */
final class OpenConnections {
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final AtomicInteger counted = new AtomicInteger();
    private final ChannelFutureListener forgetCounted = closed -> {
        channels.remove(closed.channel());
        counted.decrementAndGet();
    };
    private final ChannelFutureListener forget = closed -> channels.remove(closed.channel());

    /** Takes {@code channel} in, counted, if fewer than {@code max} counted connections are open; keeps nothing otherwise. */
    boolean admit(Channel channel, int max) {
        if (counted.incrementAndGet() > max) {
            counted.decrementAndGet();
            return false;
        }
        channels.add(channel);
        channel.closeFuture().addListener(forgetCounted);
        return true;
    }

    /** Keeps {@code channel}, not counted against the maximum, until it closes. */
    void add(Channel channel) {
        channels.add(channel);
        channel.closeFuture().addListener(forget);
    }

    void forEach(Consumer<Channel> action) {
        channels.forEach(action);
    }

    boolean isEmpty() {
        return channels.isEmpty();
    }

    int size() {
        return channels.size();
    }

    /** Closes every connection and waits until they are closed. */
    void closeAll() {
        List<ChannelFuture> closing = new ArrayList<>();
        channels.forEach(channel -> closing.add(channel.close()));
        closing.forEach(ChannelFuture::awaitUninterruptibly);
    }
}
