package io.nettle.websocket;

/**
 * WebSocket close codes (<a href="https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1">RFC 6455 §7.4.1</a>).
 */
public final class CloseCodes {
    /** 1000: the purpose of the connection has been fulfilled. */
    public static final int NORMAL_CLOSURE = 1000;
    /** 1001: the server is going down or the browser left the page. */
    public static final int GOING_AWAY = 1001;
    /** 1002: the peer broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003: a kind of data the endpoint cannot accept (text where bytes were expected...). */
    public static final int UNSUPPORTED_DATA = 1003;
    /** 1005: no code was present in the close frame (never sent on the wire). */
    public static final int NO_STATUS_RECEIVED = 1005;
    /** 1006: the connection was lost without a close frame (never sent on the wire). */
    public static final int ABNORMAL_CLOSURE = 1006;
    /** 1007: data inconsistent with its type, such as invalid UTF-8 in a text message. */
    public static final int INVALID_PAYLOAD = 1007;
    /** 1008: a policy was violated: authentication or authorization denied, origin refused. */
    public static final int POLICY_VIOLATION = 1008;
    /** 1009: a frame or message larger than the limit. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** 1010: the client expected an extension the server did not negotiate. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** 1011: the server hit an unexpected condition. */
    public static final int INTERNAL_ERROR = 1011;
    /** 1012: the server is restarting. */
    public static final int SERVICE_RESTART = 1012;
    /** 1013: try again later (overload). */
    public static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {
    }

    /** Whether {@code code} may be sent in a close frame: 1000–1003, 1007–1014, or 3000–4999. */
    public static boolean isSendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
