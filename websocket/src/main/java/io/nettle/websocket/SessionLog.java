package io.nettle.websocket;

import io.netty.handler.codec.http.HttpVersion;
import io.nettle.http.Response;
import io.nettle.internal.AccessLog;
import io.nettle.internal.RequestState;

/**
 * What the {@linkplain AccessLog access log} says of one WebSocket session: its line, written
 * when the session ends, is {@code WS} with the close code, the payload bytes of the messages
 * sent and received, and the time since the handshake request began. A handshake answered with
 * an HTTP status instead of a {@code 101} is logged as the HTTP request it stayed. Made only when
 * the log is on; confined to the connection's loop.
 */
final class SessionLog {
    private final RequestState connection;
    private final long started;
    private long bytes;
    /** The answer written instead of a {@code 101}, if any. */
    private Response answer;

    SessionLog(RequestState connection, long startedNanos) {
        this.connection = connection;
        this.started = startedNanos;
    }

    /** A message of {@code payload} bytes was sent or received. */
    void message(int payload) {
        bytes += payload;
    }

    /** The handshake was answered with {@code response} instead of a {@code 101}. */
    void answeredOverHttp(Response response) {
        answer = response;
    }

    /** The session ended with {@code code}: its line. */
    void closed(int code) {
        if (answer != null) {
            boolean http10 = connection.head().protocolVersion() == HttpVersion.HTTP_1_0;
            AccessLog.log(connection, http10 ? "HTTP/1.0" : "HTTP/1.1", answer.status(), answer.body().length, started);
        } else {
            AccessLog.log(connection, "WS", code, bytes, started);
        }
    }
}
