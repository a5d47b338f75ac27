package io.nettle.http;

/**
 * The client of a request: the remote end of its connection as the socket reports it, or, when
 * that peer is one of {@link io.nettle.ServerSettings#trustedProxies()}, the client the proxy
 * forwarded ({@code Forwarded: for=...} or {@code X-Forwarded-For}). The in-memory
 * {@code TestClient} connects from {@code 127.0.0.1}, port 50000, as loopback as on a socket.
 *
 * @param host the client's IP address as text (as a proxy forwarded it: {@code 2001:db8::1},
 *             or {@code unknown} and obfuscated identifiers such as {@code _hidden})
 * @param port the client's port; 0 when a proxy forwarded none
 */
public record ClientAddress(String host, int port) {
}
