package io.nettle.websocket.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.buffer.Unpooled;
import io.nettle.internal.WebSocketHandshakes;
import io.nettle.websocket.CloseCodes;
import java.nio.charset.StandardCharsets;

/** Denies a WebSocket the application closed before accepting it. */
final class Denials {
    private Denials() {
    }

    /**
     * Over HTTP: 403 for a policy denial, 500 for an internal error, the reason as the body.
     * Otherwise: completes the handshake and closes with {@code code} at once.
     */
    static void deny(Channel channel, HttpRequest head, boolean overHttp, int code, String reason) {
        if (!overHttp) {
            WebSocketHandshakes.closeAfterHandshake(channel, head, code, reason);
            return;
        }
        HttpResponseStatus status = code == CloseCodes.INTERNAL_ERROR ? HttpResponseStatus.INTERNAL_SERVER_ERROR
            : HttpResponseStatus.FORBIDDEN;
        byte[] body = (reason.isEmpty() ? status.reasonPhrase() : reason).getBytes(StandardCharsets.UTF_8);
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
            .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
