package io.nettle.internal.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.nettle.internal.codec.HostHeader;
import java.nio.charset.StandardCharsets;

/**
 * The cleartext listener of a TLS server: every request gets {@code 308 Permanent Redirect} to
 * the same URL over HTTPS on the server's port (a {@code POST} stays a {@code POST}), and the
 * connection is closed. A request without a usable {@code Host} gets {@code 400}.
 */
final class HttpsRedirect extends SimpleChannelInboundHandler<HttpRequest> {
    private final int httpsPort;

    HttpsRedirect(int httpsPort) {
        this.httpsPort = httpsPort;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        String uri = request.uri();
        DefaultFullHttpResponse response;
        if (!request.decoderResult().isSuccess() || host == null || host.isEmpty() || !HostHeader.isValid(host)
            || !uri.startsWith("/")) {
            byte[] body = "Bad request: use https".getBytes(StandardCharsets.UTF_8);
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8").setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        } else {
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.PERMANENT_REDIRECT, Unpooled.EMPTY_BUFFER);
            response.headers().set(HttpHeaderNames.LOCATION, "https://" + hostWithPort(host) + uri).setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        }
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** The host of {@code header} (its port dropped) with the HTTPS port, left out when it is 443. */
    private String hostWithPort(String header) {
        String name = header;
        int bracket = header.lastIndexOf(']');
        int colon = header.lastIndexOf(':');
        if (colon > bracket && (bracket >= 0 || header.indexOf(':') == colon)) {
            name = header.substring(0, colon);
        }
        return httpsPort == 443 ? name : name + ":" + httpsPort;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
