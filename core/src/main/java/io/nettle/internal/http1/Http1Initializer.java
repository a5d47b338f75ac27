package io.nettle.internal.http1;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.nettle.ServerSettings;
import io.nettle.http.ConnectionExecutor;
import io.nettle.internal.AppRuntime;
import java.util.function.Function;

/**
 * The pipeline of one connection, read top to bottom: responses are encoded, bytes are decoded
 * strictly into HTTP messages within the size limits, and Nettle's one handler serves the
 * requests (and keeps the connection's timeouts). The server and the {@code TestClient} build
 * the very same pipeline.
 */
public final class Http1Initializer extends ChannelInitializer<Channel> {
    /**
     * Most requests decoded ahead of their responses (HTTP/1.1 pipelining). The bytes of those
     * beyond it stay undecoded, and the socket unread, until the queued ones are answered: every
     * request is answered, in order, and memory is bounded by what was already read.
     */
    public static final int MAX_PIPELINED_REQUESTS = 64;

    private final AppRuntime app;
    private final Function<Channel, ConnectionExecutor> loops;
    /** Makes the handler that starts TLS on a connection; {@code null} for cleartext. */
    private final Function<Channel, ChannelHandler> tls;

    /** A cleartext HTTP/1.1 pipeline. */
    public Http1Initializer(AppRuntime app, Function<Channel, ConnectionExecutor> loops) {
        this(app, loops, null);
    }

    /** A pipeline that starts with the handler {@code tls} makes (TLS), then HTTP/1.1. */
    public Http1Initializer(AppRuntime app, Function<Channel, ConnectionExecutor> loops, Function<Channel, ChannelHandler> tls) {
        this.app = app;
        this.loops = loops;
        this.tls = tls;
    }

    @Override
    protected void initChannel(Channel channel) {
        ServerSettings settings = app.settings();
        channel.config().setAutoRead(false);
        ChannelPipeline pipeline = channel.pipeline();
        if (settings.proxyProtocol()) {
            // The load balancer's header comes first, before TLS: it tells who the client is.
            pipeline.addLast("proxy", new HAProxyMessageDecoder());
            pipeline.addLast("proxy-source", new ProxyProtocolSource());
        }
        if (tls != null) {
            pipeline.addLast("tls", tls.apply(channel));
        }
        RequestDecoder decoder = new RequestDecoder(new HttpDecoderConfig()
            .setMaxInitialLineLength(settings.maxInitialLineLength())
            .setMaxHeaderSize(settings.maxHeaderSize())
            .setMaxChunkSize(64 * 1024)
            .setStrictLineParsing(true)
            .setUseRfc9112TransferEncoding(true)
            .setAllowDuplicateContentLengths(false));
        // The encoder sits nearest the socket so that whatever a decoder writes is encoded too:
        // after a WebSocket handshake the frame decoder takes the request decoder's place and the
        // frame encoder this encoder's, and a close frame the decoder writes must not bypass it.
        pipeline.addLast("http-encoder", new ResponseEncoder());
        pipeline.addLast("http", decoder);
        pipeline.addLast("nettle", new HttpConnectionHandler(app, loops.apply(channel), decoder));
    }
}
