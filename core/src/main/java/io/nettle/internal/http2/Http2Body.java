package io.nettle.internal.http2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.nettle.internal.exchange.BodyChannel;

/**
 * A streamed response body on an HTTP/2 stream: DATA frames, paced by the stream's window (the
 * stream's channel is writable while the window and the connection take more), an empty DATA
 * frame with {@code END_STREAM} to end it, a reset to abort it.
 */
final class Http2Body implements BodyChannel {
    private final ChannelHandlerContext ctx;
    private final Runnable stalled;
    private final Runnable ended;

    /** A body on the stream of {@code ctx}; {@code stalled} runs when the stream stops taking more, {@code ended} once the body ended. */
    Http2Body(ChannelHandlerContext ctx, Runnable stalled, Runnable ended) {
        this.ctx = ctx;
        this.stalled = stalled;
        this.ended = ended;
    }

    @Override
    public ChannelFuture send(ByteBuf piece) {
        ChannelFuture sent = ctx.writeAndFlush(new DefaultHttp2DataFrame(piece, false));
        if (!ctx.channel().isWritable()) {
            stalled.run();
        }
        return sent;
    }

    @Override
    public boolean isWritable() {
        return ctx.channel().isWritable();
    }

    @Override
    public void end() {
        ctx.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.EMPTY_BUFFER, true)).addListener(future -> ended.run());
    }

    @Override
    public void abort() {
        ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.CANCEL));
        ctx.close();
    }
}
