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

    /** Closes the client's end. */
    @Override
    void close();
}
