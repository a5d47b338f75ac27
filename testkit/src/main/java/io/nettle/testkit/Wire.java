package io.nettle.testkit;

/**
 * What carries the bytes between a {@link TestClient} and the app it tests. The client side is
 * the same on every wire (Netty's HTTP and WebSocket client codecs on the test's thread); only
 * the way to the server differs.
 * <ul>
 * <li>{@link #IN_MEMORY}: the server's pipeline in an {@code EmbeddedChannel} on the test's
 *     thread. Deterministic, no port, no threads; only bytes cross, as on a socket.</li>
 * <li>{@link #NIO} and {@link #EPOLL}: a real server on a loopback port with that transport,
 *     reached through a TCP socket. What a peer on the network sees: framing, close codes, resets,
 *     timeouts on real event loops.</li>
 * <li>{@link #HTTP2}: a real server on NIO reached over HTTP/2: {@code h2c} with prior knowledge,
 *     or {@code h2} negotiated by ALPN when the app's settings have TLS. Each request is a stream
 *     of one connection; WebSocket sessions and {@code sendRaw} go over HTTP/1.1, as they do on
 *     {@link #NIO}.</li>
 * </ul>
 * {@link OnEveryWire} runs a test class on the three HTTP/1.1 wires, {@link OnEveryProtocol} on
 * those and {@link #HTTP2}.
 */
public enum Wire {
    /** The server's pipeline in memory, on the test's thread. */
    IN_MEMORY,
    /** A loopback server on Netty's NIO transport. */
    NIO,
    /** A loopback server on Netty's native epoll transport (Linux; skipped where it does not load). */
    EPOLL,
    /** A loopback server on NIO, the requests over HTTP/2 (h2c, or h2 with TLS). */
    HTTP2
}
