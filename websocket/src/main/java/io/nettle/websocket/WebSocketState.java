package io.nettle.websocket;

/** Where a {@link WebSocket} is in its life. */
public enum WebSocketState {
    /** The client asked to connect; the application has not accepted yet. */
    CONNECTING,
    /** Accepted: messages flow both ways. */
    CONNECTED,
    /** Closed by either side, or the connection was lost. */
    CLOSED
}
