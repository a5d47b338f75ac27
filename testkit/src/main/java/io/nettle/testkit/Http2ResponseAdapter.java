package io.nettle.testkit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.InboundHttp2ToHttpAdapter;

/**
 * Netty's HTTP/2-to-HTTP adapter for the {@link TestClient}'s HTTP/2 connections, but handing
 * each response on with the headers the server sent: Netty's own sets {@code Content-Length} to
 * the bytes it received, which would hide what the server said (a HEAD answer's length, a 204
 * without one).
 */
final class Http2ResponseAdapter extends InboundHttp2ToHttpAdapter {

    Http2ResponseAdapter(Http2Connection connection) {
        super(connection, Integer.MAX_VALUE, true, false);
    }

    @Override
    protected void fireChannelRead(ChannelHandlerContext ctx, FullHttpMessage msg, boolean release, Http2Stream stream) {
        removeMessage(stream, release);
        ctx.fireChannelRead(msg);
    }
}
