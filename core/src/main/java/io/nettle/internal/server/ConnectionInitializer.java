package io.nettle.internal.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.nettle.ServerSettings;
import io.nettle.http.ConnectionExecutor;
import io.nettle.internal.AppRuntime;
import io.nettle.internal.exchange.ProxyProtocolSource;
import io.nettle.internal.http1.Http1Pipeline;
import io.nettle.internal.http2.AlpnSwitch;
import io.nettle.internal.http2.PriorKnowledge;
import java.util.function.Function;

/**
 * The pipeline of one connection, read top to bottom: the PROXY protocol header (when the
 * listener expects one), TLS (when configured), the choice of protocol (with HTTP/2 on: ALPN
 * after the TLS handshake, or the cleartext preface), and HTTP/1.1, which an HTTP/2 connection
 * replaces once chosen (see {@link io.nettle.internal.http2.Http2Pipeline}). The server and the
 * {@code TestClient} build the very same pipeline.
 */
public final class ConnectionInitializer extends ChannelInitializer<Channel> {
    private final AppRuntime app;
    private final Function<Channel, ConnectionExecutor> loops;
    /** Makes the handler that starts TLS on a connection; {@code null} for cleartext. */
    private final Function<Channel, ChannelHandler> tls;

    /** A cleartext pipeline. */
    public ConnectionInitializer(AppRuntime app, Function<Channel, ConnectionExecutor> loops) {
        this(app, loops, null);
    }

    /** A pipeline that starts with the handler {@code tls} makes (TLS). */
    public ConnectionInitializer(AppRuntime app, Function<Channel, ConnectionExecutor> loops, Function<Channel, ChannelHandler> tls) {
        this.app = app;
        this.loops = loops;
        this.tls = tls;
    }

    @Override
    protected void initChannel(Channel channel) {
        ServerSettings settings = app.settings();
        ConnectionExecutor loop = loops.apply(channel);
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
        if (settings.http2()) {
            pipeline.addLast(tls != null ? AlpnSwitch.NAME : PriorKnowledge.NAME,
                tls != null ? new AlpnSwitch(app, loop) : new PriorKnowledge(app, loop));
        }
        Http1Pipeline.addTo(pipeline, app, loop);
    }
}
