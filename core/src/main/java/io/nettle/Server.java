package io.nettle;

/**
 * A running server, from {@link App#serve(String, int)}. Closing it stops accepting
 * connections, closes idle ones, lets requests in flight finish within
 * {@link ServerSettings#shutdownGracePeriod()}, closes what is left, releases the event loops
 * and runs the shutdown hooks.
 */
public interface Server extends AutoCloseable {

    /** The port the server listens on (the one picked, when 0 was asked for). */
    int port();

    /** The address the server is bound to, e.g. {@code 127.0.0.1}. */
    String host();

    /** Which transport serves: {@code epoll} or {@code nio}. */
    String transport();

    /** Blocks until the server has been closed (by another thread or a shutdown hook). */
    void awaitShutdown() throws InterruptedException;

    /** Shuts down gracefully; waits for it. Calling it again does nothing. */
    @Override
    void close();
}
