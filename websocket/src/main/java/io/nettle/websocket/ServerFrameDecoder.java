package io.nettle.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;

/**
 * Netty's RFC 6455 frame decoder, except that a close frame's body reaches the session
 * unchecked. Netty marks the closing handshake as received before it checks the body, so a
 * close frame with a bad code or reason ended the connection without any close frame (the
 * client saw 1006), and it accepted codes of 5000 and above. {@link WebSocketSession} checks
 * the body instead and answers 1002 or 1007.
 */
final class ServerFrameDecoder extends WebSocket13FrameDecoder {
    ServerFrameDecoder(WebSocketDecoderConfig config) {
        super(config);
    }

    /** Leaves the close frame's body to {@link WebSocketSession}. */
    @Override
    protected void checkCloseFrameBody(ChannelHandlerContext ctx, ByteBuf buffer) {
        // Checked by the session, which can still answer with a close frame.
    }
}
