package io.nettle.internal.exchange;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.ssl.SslHandler;
import io.nettle.http.ClientAddress;
import io.nettle.http.ConnectionExecutor;
import io.nettle.internal.AppRuntime;
import io.nettle.internal.BodySource;
import io.nettle.internal.RequestState;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a connection tells about every request it carries, worked out once per connection: the
 * client's address (the socket's peer, or the source a PROXY protocol header gave), the server's
 * end, whether it is TLS and the client's verified certificates. A channel without IP addresses
 * (an {@code EmbeddedChannel}) is {@code testclient} talking to {@code testserver}.
 *
 * @param client             the client's address
 * @param localHost          the server's address as text, the {@code Host} fallback
 * @param localPort          the server's port
 * @param secure             whether the connection is TLS (https, wss)
 * @param clientCertificates the client's verified certificate chain, leaf first; empty without one
 */
public record ConnectionFacts(ClientAddress client, String localHost, int localPort, boolean secure,
                              List<X509Certificate> clientCertificates) {
    private static final ClientAddress IN_MEMORY_CLIENT = new ClientAddress("testclient", 50000);

    /** The facts of {@code channel}, a connection (not an HTTP/2 stream) whose TLS handshake, if any, is done. */
    public static ConnectionFacts of(Channel channel) {
        InetSocketAddress proxied = ProxyProtocolSource.source(channel);
        ClientAddress client = proxied != null ? new ClientAddress(proxied.getHostString(), proxied.getPort())
            : channel.remoteAddress() instanceof InetSocketAddress inet
            ? new ClientAddress(inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString(), inet.getPort())
            : IN_MEMORY_CLIENT;
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        List<X509Certificate> certificates = tls == null ? List.of() : ClientCertificates.of(tls);
        return channel.localAddress() instanceof InetSocketAddress local
            ? new ConnectionFacts(client, local.getHostString(), local.getPort(), tls != null, certificates)
            : new ConnectionFacts(client, "testserver", 80, tls != null, certificates);
    }

    /** The state of a request with {@code head} on this connection, its body from {@code body}. */
    public RequestState newRequest(HttpRequest head, AppRuntime app, ConnectionExecutor loop, BodySource body) {
        RequestState state = new RequestState(head, app, loop, secure, client, localHost, localPort, body);
        if (!clientCertificates.isEmpty()) {
            state.clientCertificates(clientCertificates);
        }
        return state;
    }
}
