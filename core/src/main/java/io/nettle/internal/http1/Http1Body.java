package io.nettle.internal.http1;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.nettle.internal.exchange.BodyChannel;

/**
 * A streamed response body on an HTTP/1.1 connection: each piece as a chunk, or as it is when the
 * head announced a length (a file) or none (HTTP/1.0, ended by closing).
 */
final class Http1Body implements BodyChannel {
    private final ChannelHandlerContext ctx;
    private final boolean chunked;
    private final Runnable ended;

    /** A body written through {@code ctx}, chunked or not; {@code ended} runs once it ended normally. */
    Http1Body(ChannelHandlerContext ctx, boolean chunked, Runnable ended) {
        this.ctx = ctx;
        this.chunked = chunked;
        this.ended = ended;
    }

    @Override
    public ChannelFuture send(ByteBuf piece) {
        return ctx.writeAndFlush(chunked ? ResponseWriter.chunk(ctx.alloc(), piece) : piece);
    }

    @Override
    public boolean isWritable() {
        return ctx.channel().isWritable();
    }

    @Override
    public void end() {
        if (chunked) {
            ctx.writeAndFlush(ResponseWriter.lastChunk());
        }
        ended.run();
    }

    @Override
    public void abort() {
        ctx.close();
    }
}
