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

    /**
     * Blocks until the server has been closed: by {@link #close()} from another thread, or by the
     * JVM shutting down (SIGTERM, Ctrl-C). While a thread waits here, a JVM shutdown closes the
     * server gracefully first (requests in flight finish within the grace period, the
     * {@code onShutdown} hooks run) before the JVM exits. So the one pattern a {@code main} needs is
     * <pre>{@code
     * try (Server server = app.serve("0.0.0.0", 8000)) {
     *     server.awaitShutdown();
     * }
     * }</pre>
     */
    void awaitShutdown() throws InterruptedException;

    /**
     * Reads the TLS certificate and key files again and serves them to new connections (those
     * already made keep theirs). The server also does it by itself when a file changes.
     *
     * @throws IllegalStateException when the server has no TLS, or the files cannot be used (the
     *                               certificates in use stay)
     */
    void reloadTls();

    /** Shuts down gracefully; waits for it. Calling it again does nothing. */
    @Override
    void close();
}
