package io.nettle.websocket;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.nettle.internal.http1.WebSocketHandshakes;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Turns a connection whose handshake the application accepted into a WebSocket: writes the
 * {@code 101} (Netty's handshaker) and installs, in front of the session's handler, Nettle's
 * strict frame decoder, permessage-deflate when the options enable it and, when the options set
 * an idle timeout, the idle handler. The session itself puts fragmented messages together and
 * checks a text message to be UTF-8 once whole, so no aggregator or validator handler sits on
 * every connection.
 */
final class WebSocketPipeline {
    private WebSocketPipeline() {
    }

    /** Upgrades the connection of {@code session} (its handler's context); the future is the {@code 101}'s write. */
    static ChannelFuture upgrade(ChannelHandlerContext session, HttpRequest handshake, String subprotocol,
                                 Map<String, String> headers, WebSocketOptions options) {
        ChannelPipeline pipeline = session.pipeline();
        HttpHeaders extra = new DefaultHttpHeaders();
        headers.forEach(extra::add);
        if (options.compression()) {
            pipeline.addBefore(session.name(), "wsdeflate", new WebSocketServerCompressionHandler(options.maxMessageSize()));
            // The compression handler negotiates from the handshake request, which it has not seen.
            pipeline.context("http").fireChannelRead(handshake);
        }
        WebSocketDecoderConfig config = options.decoderConfig();
        ChannelFuture written = WebSocketHandshakes.handshake(session.channel(), handshake, subprotocol, extra, config);
        if (pipeline.get(WebSocket13FrameDecoder.class) != null) {
            pipeline.replace(WebSocket13FrameDecoder.class, "wsdecoder", new ServerFrameDecoder(config));
        }
        if (!options.idleTimeout().isZero()) {
            pipeline.addBefore(session.name(), "wsidle",
                new IdleStateHandler(0, 0, options.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        }
        return written;
    }
}
