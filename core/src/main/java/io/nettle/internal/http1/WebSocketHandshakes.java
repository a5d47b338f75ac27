package io.nettle.internal.http1;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.nettle.http.HttpException;
import io.nettle.http.Response;
import io.nettle.http.Status;
import java.nio.charset.StandardCharsets;

/**
 * Completes WebSocket handshakes (RFC 6455 §4.2.2) with Netty's handshaker: for an accepted
 * connection, and for a denied one that is closed right after with a code. An unsupported
 * version gets {@code 426} with {@code Sec-WebSocket-Version: 13}; a handshake Netty refuses
 * (no {@code Sec-WebSocket-Key}, for example) gets {@code 400}.
 */
public final class WebSocketHandshakes {
    /** Longest close reason: a control frame carries at most 125 bytes, 2 of them the code. */
    public static final int MAX_REASON_BYTES = 123;

    private WebSocketHandshakes() {
    }

    /**
     * Writes the {@code 101} response, replacing the HTTP codec with WebSocket frame codecs.
     * When the handshake cannot be made, the channel is closed after an HTTP error response and
     * the future fails with an {@link HttpException} of that response's status.
     */
    public static ChannelFuture handshake(Channel channel, HttpRequest head, String subprotocol,
                                          HttpHeaders responseHeaders, WebSocketDecoderConfig config) {
        String url = "ws://" + head.headers().get(HttpHeaderNames.HOST, "localhost") + head.uri();
        if (!head.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_VERSION, WebSocketVersion.V13.toHttpHeaderValue(), false)) {
            // Netty would also speak the drafts (versions 0, 7, 8); RFC 6455 is 13 only.
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel).addListener(ChannelFutureListener.CLOSE);
            return channel.newFailedFuture(new HttpException(426, "Unsupported WebSocket version"));
        }
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshaker13(url, subprotocol, config);
        FullHttpRequest full = new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(),
            Unpooled.EMPTY_BUFFER, head.headers(), EmptyHttpHeaders.INSTANCE);
        try {
            return handshaker.handshake(channel, full, responseHeaders, channel.newPromise());
        } catch (RuntimeException refused) {
            HttpException bad = new HttpException(400, "Invalid WebSocket handshake");
            channel.writeAndFlush(ResponseWriter.encode(channel.alloc(), bad.toResponse(), false, head.protocolVersion(), true))
                .addListener(ChannelFutureListener.CLOSE);
            return channel.newFailedFuture(bad);
        }
    }

    /**
     * Denies a WebSocket that is not accepted: completes the handshake and closes at once with
     * {@code code} and {@code reason} or, {@code overHttp}, answers {@code 403} ({@code 500} for
     * 1011) with the reason as its text and closes. The one way a handshake is denied, whether
     * middleware answered it or the handler closed before accepting.
     *
     * @return the response written {@code overHttp}, else {@code null} (the handshake completes)
     */
    public static Response deny(Channel channel, HttpRequest head, boolean overHttp, int code, String reason) {
        if (!overHttp) {
            closeAfterHandshake(channel, head, code, reason);
            return null;
        }
        int status = code == 1011 ? 500 : 403;
        Response answer = Response.text(reason.isEmpty() ? Status.reasonPhrase(status) : reason).withStatus(status);
        channel.writeAndFlush(ResponseWriter.encode(channel.alloc(), answer, false, head.protocolVersion(), true))
            .addListener(ChannelFutureListener.CLOSE);
        return answer;
    }

    /** Completes the handshake, then closes at once with {@code code} and {@code reason}. */
    private static void closeAfterHandshake(Channel channel, HttpRequest head, int code, String reason) {
        handshake(channel, head, null, null, WebSocketDecoderConfig.newBuilder().build()).addListener(done -> {
            if (done.isSuccess()) {
                channel.writeAndFlush(new CloseWebSocketFrame(code, truncate(reason))).addListener(ChannelFutureListener.CLOSE);
            }
        });
    }

    /**
     * Denies a WebSocket with the response the application gave its handshake request: the
     * handshake completes, then the connection closes with 1008 (1011 for a 5xx, or for a 101
     * that no route took over), the response's text as reason when it is plain text, else the
     * status's reason phrase.
     *
     * @return the close code
     */
    public static int deny(Channel channel, HttpRequest head, Response response) {
        int status = response.status();
        int code = status >= 500 || status == 101 ? 1011 : 1008;
        String reason = response.headers().get("Content-Type").orElse("").startsWith("text/plain")
            ? response.bodyText() : Status.reasonPhrase(status);
        deny(channel, head, false, code, reason);
        return code;
    }

    /** {@code reason} cut to at most {@value #MAX_REASON_BYTES} UTF-8 bytes, on a character boundary. */
    public static String truncate(String reason) {
        if (reason == null) {
            return "";
        }
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        int end = reason.length();
        while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            end--;
        }
        return reason.substring(0, end);
    }
}
