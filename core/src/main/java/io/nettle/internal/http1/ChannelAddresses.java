package io.nettle.internal.http1;

import io.netty.channel.Channel;
import io.nettle.http.ClientAddress;
import java.net.InetSocketAddress;

/**
 * The two ends of a connection as Nettle reports them, worked out once per connection; a
 * channel without IP addresses (an {@code EmbeddedChannel}) is {@code testclient} talking to
 * {@code testserver} (the {@code TestClient}'s in-memory channel has a loopback peer).
 *
 * @param client    the client's address
 * @param localHost the server's address as text, the {@code Host} fallback
 * @param localPort the server's port
 */
record ChannelAddresses(ClientAddress client, String localHost, int localPort) {
    private static final ClientAddress IN_MEMORY_CLIENT = new ClientAddress("testclient", 50000);

    static ChannelAddresses of(Channel channel) {
        InetSocketAddress proxied = ProxyProtocolSource.source(channel);
        ClientAddress client = proxied != null ? new ClientAddress(proxied.getHostString(), proxied.getPort())
            : channel.remoteAddress() instanceof InetSocketAddress inet
            ? new ClientAddress(inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString(), inet.getPort())
            : IN_MEMORY_CLIENT;
        return channel.localAddress() instanceof InetSocketAddress local
            ? new ChannelAddresses(client, local.getHostString(), local.getPort())
            : new ChannelAddresses(client, "testserver", 80);
    }
}
