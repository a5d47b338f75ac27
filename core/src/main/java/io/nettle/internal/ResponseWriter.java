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

/**
 * Turns a {@link Response} into the Netty message written on the wire.
 *
 * <p>The common case (a body, keep-alive, HTTP/1.1) reuses headers cached on the response
 * itself: its own headers plus {@code Content-Length} and the {@code Date} of the current
 * second, built once per second per response instance and never changed after. A constant
 * response returned by an endpoint therefore costs no header copying per request.
 */
final class ResponseWriter {
    private record Wire(long second, HttpHeaders headers) {
    }

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
        long second = System.currentTimeMillis() / 1000;
        HttpHeaders headers;
        if (!head && !noBody && !close && requestVersion == HttpVersion.HTTP_1_1) {
            headers = cachedHeaders(response, second);
        } else {
            headers = headers(response, second, head, noBody);
            if (close) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            } else if (requestVersion == HttpVersion.HTTP_1_0) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
        }
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), content,
            headers, EmptyHttpHeaders.INSTANCE);
    }

    private static HttpHeaders cachedHeaders(Response response, long second) {
        Internals.WireSlot slot = Internals.wireSlot();
        if (slot.get(response) instanceof Wire wire && wire.second() == second) {
            return wire.headers();
        }
        HttpHeaders headers = headers(response, second, false, false);
        slot.set(response, new Wire(second, headers));
        return headers;
    }

    private static HttpHeaders headers(Response response, long second, boolean head, boolean noBody) {
        HttpHeaders headers = new DefaultHttpHeaders(false);
        headers.set(NettyHeadersView.unwrap(response.headers()));
        if (noBody) {
            headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        } else if (!head || !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        }
        headers.set(HttpHeaderNames.DATE, DateHeader.at(second));
        return headers;
    }
}
