package io.nettle.internal.http1;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.internal.AccessLog;
import io.nettle.internal.RequestState;
import io.nettle.internal.ResponseValue;
import io.nettle.internal.exchange.ConnectionFacts;

/**
 * The {@linkplain AccessLog access log} of one HTTP/1 connection: when its current request began
 * and whether that request's line is still to be written, so that each request is logged exactly
 * once, whichever way it ends. Made only when the log is on (a connection without it reads no
 * clock and allocates nothing for it); confined to the connection's loop.
 */
final class RequestLog {
    /** Not a status on the wire: the client left before its response (nginx's code for it). */
    static final int CLIENT_CLOSED = 499;

    private final ServerSettings settings;
    private long started;
    /** The current request, until its line is written. */
    private RequestState unlogged;

    private RequestLog(ServerSettings settings) {
        this.settings = settings;
    }

    /** The log of a new connection under {@code settings}, or {@code null} when the access log is off. */
    static RequestLog of(ServerSettings settings) {
        return AccessLog.on(settings) ? new RequestLog(settings) : null;
    }

    /** A request head is being handled. */
    void begin() {
        started = System.nanoTime();
    }

    /** The request begun is being served as {@code state}. */
    void serving(RequestState state) {
        unlogged = state;
    }

    /** The response to the current request is written. */
    void responded(Response response, boolean head) {
        if (unlogged != null) {
            line(response.status(), ResponseValue.bodyBytes(response, head));
        }
    }

    /** The connection closed: a request not answered yet is logged as {@value #CLIENT_CLOSED}. */
    void abandoned() {
        if (unlogged != null) {
            line(CLIENT_CLOSED, 0);
        }
    }

    /** The current request, a WebSocket handshake, ended the connection with {@code code} without a session. */
    void webSocketEnded(int code) {
        if (unlogged != null) {
            AccessLog.log(unlogged, "WS", code, 0, started);
            unlogged = null;
        }
    }

    /** The current request, a WebSocket handshake, is handed to a session, which logs it: when it began. */
    long handedOver() {
        unlogged = null;
        return started;
    }

    /**
     * A refusal was written: of the current request's body, of {@code head} (its method and
     * target shown when it could be decoded), or of a head that never came in time ({@code null}).
     */
    void refused(Response response, HttpRequest head, Channel channel) {
        long bytes = ResponseValue.bodyBytes(response, false);
        if (unlogged != null) {
            line(response.status(), bytes);
            return;
        }
        boolean usable = head != null && head.decoderResult().isSuccess();
        // A head that never came in time was waited for since its first byte, for the header timeout.
        long duration = head != null ? System.nanoTime() - started : settings.headerTimeout().toNanos();
        AccessLog.log(ConnectionFacts.of(channel).client().host(), null, usable ? head.method().name() : null,
            usable ? AccessLog.target(head.uri(), settings) : null, usable ? protocol(head) : "HTTP/1.1",
            response.status(), bytes, duration);
    }

    private void line(int status, long bytes) {
        AccessLog.log(unlogged, protocol(unlogged.head()), status, bytes, started);
        unlogged = null;
    }

    private static String protocol(HttpRequest head) {
        return head.protocolVersion() == HttpVersion.HTTP_1_0 ? "HTTP/1.0" : "HTTP/1.1";
    }
}
