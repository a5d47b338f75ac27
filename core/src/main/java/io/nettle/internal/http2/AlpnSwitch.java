package io.nettle.internal.http2;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.nettle.http.ConnectionExecutor;
import io.nettle.internal.AppRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the protocol of a TLS connection once its handshake is done: {@code h2} agreed by
 * ALPN switches it to HTTP/2; {@code http/1.1}, or no ALPN at all, leaves it to HTTP/1.1.
 */
public final class AlpnSwitch extends ApplicationProtocolNegotiationHandler {
    /** Its name in the pipeline. */
    public static final String NAME = "alpn";
    private static final Logger LOG = LoggerFactory.getLogger(AlpnSwitch.class);

    private final AppRuntime app;
    private final ConnectionExecutor loop;

    public AlpnSwitch(AppRuntime app, ConnectionExecutor loop) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.app = app;
        this.loop = loop;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            Http2Pipeline.switchTo(ctx.pipeline(), NAME, app, loop);
        }
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        // The client's failure (wrong certificate, no shared protocol, a scanner): not the server's.
        LOG.debug("TLS handshake failed, closing {}", ctx.channel(), cause);
        ctx.close();
    }
}
