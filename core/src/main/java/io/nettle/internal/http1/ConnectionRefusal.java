package io.nettle.internal.http1;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.nettle.http.Response;

/**
 * Serves a connection the server has no room for ({@code ServerSettings.maxConnections()}):
 * answers {@code 503} with {@code Connection: close} and {@code Retry-After} at once, without
 * reading a request, and closes. Needs an HTTP response encoder before it.
 */
@ChannelHandler.Sharable
public final class ConnectionRefusal extends ChannelInboundHandlerAdapter {
    public static final ConnectionRefusal INSTANCE = new ConnectionRefusal();
    private static final Response BUSY = Response.text("Too many connections, retry later").withStatus(503)
        .withHeader("Retry-After", "1");

    private ConnectionRefusal() {
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(ResponseWriter.encode(ctx.alloc(), BUSY, false, HttpVersion.HTTP_1_1, true)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
