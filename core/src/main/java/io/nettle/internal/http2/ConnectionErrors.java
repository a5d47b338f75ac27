package io.nettle.internal.http2;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2CodecUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of an HTTP/2 connection's pipeline, where the errors no stream took end up. A protocol
 * error of the client is the frame codec's to answer (GOAWAY, then close), which it does after
 * passing the error along: it is only logged here. Anything else (a reset connection, a TLS
 * failure) closes the connection.
 */
final class ConnectionErrors extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionErrors.class);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (Http2CodecUtil.getEmbeddedHttp2Exception(cause) != null) {
            LOG.debug("HTTP/2 protocol error from the client on {}", ctx.channel(), cause);
            return;
        }
        LOG.debug("HTTP/2 connection error, closing {}", ctx.channel(), cause);
        ctx.close();
    }
}
