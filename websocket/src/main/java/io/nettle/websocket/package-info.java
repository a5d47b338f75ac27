/**
 * WebSocket routes on the same {@code App}: {@link io.nettle.websocket.WebSocketRoute},
 * {@link io.nettle.websocket.WebSocket} (a connection like a request, with send and receive),
 * class-based {@link io.nettle.websocket.WebSocketEndpoint}s, options and close codes.
 */
package io.nettle.websocket;
