package io.nettle.internal.http2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.nettle.http.ConnectionExecutor;
import io.nettle.internal.AppRuntime;
import java.nio.charset.StandardCharsets;

/**
 * Chooses the protocol of a cleartext connection from its first bytes: the HTTP/2 connection
 * preface ({@code h2c} with prior knowledge, RFC 9113 §3.3) switches it to HTTP/2, anything else
 * leaves it to HTTP/1.1. It looks at most at the preface's 24 bytes, then leaves the pipeline: an
 * HTTP/1.1 connection pays one comparison of its first bytes, nothing per request.
 */
public final class PriorKnowledge extends ChannelInboundHandlerAdapter {
    /** Its name in the pipeline. */
    public static final String NAME = "h2c";
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final AppRuntime app;
    private final ConnectionExecutor loop;
    /** The first bytes while they may still be the start of the preface. */
    private ByteBuf start;

    public PriorKnowledge(AppRuntime app, ConnectionExecutor loop) {
        this.app = app;
        this.loop = loop;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf seen = start == null ? bytes : start.writeBytes(bytes);
        if (seen != bytes) {
            bytes.release();
        }
        start = null;
        int compared = Math.min(seen.readableBytes(), PREFACE.length);
        for (int i = 0; i < compared; i++) {
            if (seen.getByte(seen.readerIndex() + i) != PREFACE[i]) {
                ctx.pipeline().remove(this);
                ctx.fireChannelRead(seen);
                return;
            }
        }
        if (compared < PREFACE.length) {
            // Too few bytes to tell yet: keep them, and let the connection read on (its timeouts apply).
            start = ctx.alloc().buffer(PREFACE.length).writeBytes(seen);
            seen.release();
            return;
        }
        Http2Pipeline.switchTo(ctx.pipeline(), NAME, app, loop);
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(seen);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (start != null) {
            start.release();
            start = null;
        }
    }
}
