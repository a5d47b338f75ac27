package io.nettle.http;

/**
 * The remote end of a connection, as the socket reports it (no proxy header is trusted).
 * The {@code TestClient} reports host {@code testclient}, port 50000.
 *
 * @param host the client's IP address as text
 * @param port the client's port
 */
public record ClientAddress(String host, int port) {
}
