package io.nettle.internal.exchange;

/** User events the server fires down the pipelines of its connections. */
public enum ConnectionEvent {
    /**
     * The server is stopping: finish what is in flight and close. An HTTP/1.1 connection answers
     * its current request and closes; an HTTP/2 one sends {@code GOAWAY} and closes when its open
     * streams are done; a WebSocket closes with 1001.
     */
    DRAIN
}
