package io.nettle.websocket;

/**
 * The WebSocket is closed: receiving from it fails with this, carrying the close code and
 * reason it ended with. No stack trace is filled in; it is an outcome, not a fault.
 */
public class WebSocketDisconnect extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;

    public WebSocketDisconnect(int code, String reason) {
        super("WebSocket closed with " + code + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")"), null, false, false);
        this.code = code;
        this.reason = reason == null ? "" : reason;
    }

    /** The close code, e.g. {@link CloseCodes#POLICY_VIOLATION}. */
    public int code() {
        return code;
    }

    /** The close reason; empty when none was given. */
    public String reason() {
        return reason;
    }
}
