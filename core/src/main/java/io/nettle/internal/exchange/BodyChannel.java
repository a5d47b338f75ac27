package io.nettle.internal.exchange;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;

/**
 * Where a {@link StreamedBody} goes on one protocol: the chunks of an HTTP/1.1 response, or the
 * DATA frames of an HTTP/2 stream. Called on the connection's loop only.
 */
public interface BodyChannel {

    /** Sends one piece of the body (takes ownership of {@code piece}). */
    ChannelFuture send(ByteBuf piece);

    /** Whether the connection takes more without queueing (the peer keeps up). */
    boolean isWritable();

    /** Ends the body normally; the exchange is then done on this side. */
    void end();

    /** Ends the response abnormally: the peer must not take it for complete. */
    void abort();
}
