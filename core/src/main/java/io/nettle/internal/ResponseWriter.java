package io.nettle.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.nettle.http.Response;

/** Turns a {@link Response} into the Netty message written on the wire. */
final class ResponseWriter {
    private ResponseWriter() {
    }

    /** Whether the application's response itself asks for the connection to close. */
    static boolean asksToClose(Response response) {
        HttpHeaders headers = NettyHeadersView.unwrap(response.headers());
        return headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
    }

    /**
     * The message for {@code response}: {@code Content-Length} and {@code Date} set, no body for
     * HEAD, 1xx, 204 and 304, and {@code Connection: close} (or {@code keep-alive} for an HTTP/1.0
     * client) as decided by the caller.
     */
    static DefaultFullHttpResponse toNetty(Response response, boolean head, HttpVersion requestVersion, boolean close) {
        int status = response.status();
        boolean noBody = status < 200 || status == 204 || status == 304;
        byte[] body = response.body();
        ByteBuf content = head || noBody || body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        HttpHeaders headers = new DefaultHttpHeaders(false);
        headers.set(NettyHeadersView.unwrap(response.headers()));
        if (noBody) {
            headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        } else if (!head || !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        headers.set(HttpHeaderNames.DATE, DateHeader.now());
        if (close) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (requestVersion == HttpVersion.HTTP_1_0) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), content,
            headers, EmptyHttpHeaders.INSTANCE);
    }
}
