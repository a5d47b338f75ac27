package io.nettle.testkit;

import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * The way from one client connection to the server and back: it carries bytes only, as a
 * socket does. Used on the test's thread alone.
 */
interface Carrier extends AutoCloseable {

    /** Sends {@code bytes} to the server; takes ownership of the buffer. */
    void send(ByteBuf bytes);

    /**
     * Hands what the server sent to {@code sink}, waiting up to {@code waitMillis} for a first
     * piece when nothing is there yet (and running the server's work meanwhile, in memory). The
     * sink takes ownership of each buffer.
     *
     * @return {@code false} once the server closed the connection and everything it sent before was handed over
     */
    boolean receive(Consumer<ByteBuf> sink, long waitMillis);

    /**
     * How long to watch for what the server sends right after something already received (a
     * close after a response, a close frame after a {@code 101}) before deciding it sends
     * nothing: 0 in memory, where it would have come already.
     */
    long settleMillis();

    /** Closes the client's end. */
    @Override
    void close();
}
