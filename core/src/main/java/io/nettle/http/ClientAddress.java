package io.nettle.http;

/**
 * The remote end of a connection, as the socket reports it (no proxy header is trusted).
 * The in-memory {@code TestClient} connects from {@code 127.0.0.1}, port 50000, loopback as on
 * a socket.
 *
 * @param host the client's IP address as text
 * @param port the client's port
 */
public record ClientAddress(String host, int port) {
}
