package io.nettle.testkit;

/**
 * The server answered a WebSocket handshake with a plain HTTP response instead of
 * {@code 101 Switching Protocols}: no WebSocket route at that path (404), or a denial with
 * {@code ServerSettings.rejectUpgradesWithHttpStatus(true)}.
 */
public final class WebSocketRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;

    WebSocketRejected(int status, String body) {
        super("WebSocket handshake rejected with HTTP " + status + ": " + body, null, false, false);
        this.status = status;
        this.body = body;
    }

    /** The HTTP status of the rejection. */
    public int status() {
        return status;
    }

    /** The body of the rejection. */
    public String body() {
        return body;
    }
}
