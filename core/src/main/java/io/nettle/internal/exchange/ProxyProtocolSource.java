package io.nettle.internal.exchange;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * Takes the PROXY protocol header that Netty's decoder read first on the connection and records
 * its source address as the connection's client; then leaves the pipeline. A {@code LOCAL}
 * header (a health check of the load balancer) keeps the socket's own address.
 */
public final class ProxyProtocolSource extends ChannelInboundHandlerAdapter {
    /** The client's address as the load balancer saw it. */
    static final AttributeKey<InetSocketAddress> SOURCE = AttributeKey.valueOf("nettle.proxy.source");

    /** The address a PROXY protocol header gave {@code channel}, if any. */
    public static InetSocketAddress source(Channel channel) {
        return channel.hasAttr(SOURCE) ? channel.attr(SOURCE).get() : null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (header.command() == HAProxyCommand.PROXY && header.sourceAddress() != null) {
                ctx.channel().attr(SOURCE).set(InetSocketAddress.createUnresolved(header.sourceAddress(), header.sourcePort()));
            }
        } finally {
            ReferenceCountUtil.release(header);
        }
        ctx.pipeline().remove(this);
    }
}
