package io.nettle.internal.http2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.nettle.internal.exchange.BodyChannel;

/**
 * A streamed response body on an HTTP/2 stream: DATA frames, paced by the stream's window (the
 * stream is writable while its window and the connection take more), an empty DATA frame with
 * {@code END_STREAM} to end it, a reset to abort it.
 */
final class Http2Body implements BodyChannel {
    private final StreamHandler stream;
    private final Runnable stalled;
    private final Runnable ended;

    /** A body on {@code stream}; {@code stalled} runs when the stream stops taking more, {@code ended} once the body ended. */
    Http2Body(StreamHandler stream, Runnable stalled, Runnable ended) {
        this.stream = stream;
        this.stalled = stalled;
        this.ended = ended;
    }

    @Override
    public ChannelFuture send(ByteBuf piece) {
        ChannelFuture sent = stream.sendData(piece, false);
        if (!stream.isWritable()) {
            stalled.run();
        }
        return sent;
    }

    @Override
    public boolean isWritable() {
        return stream.isWritable();
    }

    @Override
    public void end() {
        stream.sendData(Unpooled.EMPTY_BUFFER, true).addListener(future -> ended.run());
    }

    @Override
    public void abort() {
        stream.cancel();
    }
}
