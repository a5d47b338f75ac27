package io.nettle.internal;

import io.netty.channel.Channel;
import io.nettle.http.ClientAddress;
import java.net.InetSocketAddress;

/** The addresses of a channel as Nettle reports them; an in-memory channel is {@code testclient} talking to {@code testserver}. */
final class ChannelAddresses {
    private static final ClientAddress IN_MEMORY_CLIENT = new ClientAddress("testclient", 50000);

    private ChannelAddresses() {
    }

    static ClientAddress client(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress inet
            ? new ClientAddress(inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString(), inet.getPort())
            : IN_MEMORY_CLIENT;
    }

    static String localHost(Channel channel) {
        return channel.localAddress() instanceof InetSocketAddress inet ? inet.getHostString() : "testserver";
    }

    static int localPort(Channel channel) {
        return channel.localAddress() instanceof InetSocketAddress inet ? inet.getPort() : 80;
    }
}
