package io.nettle.internal.http1;

import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.http.HttpResponseEncoder;

/**
 * Netty's response encoder for the few messages Netty itself writes (the WebSocket handshake),
 * letting through untouched the ready-made bytes of {@link ResponseWriter}, which is how every
 * Nettle response is written, and the file regions of files sent without copying.
 */
final class ResponseEncoder extends HttpResponseEncoder {

    @Override
    public boolean acceptOutboundMessage(Object msg) throws Exception {
        return !(msg instanceof ByteBuf) && !(msg instanceof FileRegion) && super.acceptOutboundMessage(msg);
    }
}
