package io.nettle.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.nettle.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a {@link Response} as the bytes of an HTTP/1.1 response, straight into one buffer.
 *
 * <p>What never changes for a response instance (status line and its own headers) is encoded
 * once and cached on the response, so a constant response returned by an endpoint costs one
 * buffer and a few copies per request: no header objects, no encoder pass. Per request it adds
 * {@code Content-Length}, {@code Date} (formatted once per second for everyone) and, when the
 * connection is closing or the client speaks HTTP/1.0, {@code Connection}. HEAD, 1xx, 204 and
 * 304 responses carry no body.
 */
final class ResponseWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CONTENT_LENGTH = "content-length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_CLOSE = "connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_KEEP_ALIVE = "connection: keep-alive\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final ByteBuf CONTINUE = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(
        "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    /** Bodies up to this size are copied next to the head; larger ones are sent without copying. */
    private static final int COPY_LIMIT = 8 * 1024;

    /**
     * The cached part of a response on the wire.
     *
     * @param prefix        status line and the response's own headers, minus the ones written per request
     * @param contentLength a {@code Content-Length} the response set itself (used for HEAD), or -1
     * @param asksToClose   whether the response says {@code Connection: close}
     */
    private record Wire(byte[] prefix, long contentLength, boolean asksToClose) {
    }

    private ResponseWriter() {
    }

    /** Whether the application's response itself asks for the connection to close. */
    static boolean asksToClose(Response response) {
        return wire(response).asksToClose();
    }

    /** {@code 100 Continue}, to write before reading a body the client holds back. */
    static ByteBuf continueResponse() {
        return CONTINUE.duplicate();
    }

    /** The bytes of {@code response} to a request ({@code head}: of method HEAD), closing or not. */
    static ByteBuf encode(ByteBufAllocator alloc, Response response, boolean head, HttpVersion requestVersion, boolean close) {
        Wire wire = wire(response);
        int status = response.status();
        boolean noBody = status < 200 || status == 204 || status == 304;
        byte[] body = response.body();
        boolean sendBody = !head && !noBody && body.length > 0;
        boolean copyBody = sendBody && body.length <= COPY_LIMIT;
        ByteBuf buf = alloc.buffer(wire.prefix().length + 96 + (copyBody ? body.length : 0));
        buf.writeBytes(wire.prefix());
        if (!noBody) {
            long length = head && wire.contentLength() >= 0 ? wire.contentLength() : body.length;
            buf.writeBytes(CONTENT_LENGTH).writeCharSequence(Long.toString(length), StandardCharsets.US_ASCII);
            buf.writeBytes(CRLF);
        }
        buf.writeBytes(DateHeader.line(System.currentTimeMillis() / 1000));
        if (close) {
            buf.writeBytes(CONNECTION_CLOSE);
        } else if (requestVersion == HttpVersion.HTTP_1_0) {
            buf.writeBytes(CONNECTION_KEEP_ALIVE);
        }
        buf.writeBytes(CRLF);
        if (copyBody) {
            return buf.writeBytes(body);
        }
        return sendBody ? Unpooled.wrappedBuffer(buf, Unpooled.wrappedBuffer(body)) : buf;
    }

    private static Wire wire(Response response) {
        Internals.WireSlot slot = Internals.wireSlot();
        if (slot.get(response) instanceof Wire cached) {
            return cached;
        }
        Wire wire = encodeFixedPart(response);
        slot.set(response, wire);
        return wire;
    }

    private static Wire encodeFixedPart(Response response) {
        StringBuilder text = new StringBuilder(128)
            .append("HTTP/1.1 ").append(HttpResponseStatus.valueOf(response.status())).append("\r\n");
        long contentLength = -1;
        boolean close = false;
        for (Map.Entry<String, String> header : response.headers()) {
            String name = header.getKey();
            if (HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name)) {
                contentLength = parseLength(header.getValue());
            } else if (HttpHeaderNames.CONNECTION.contentEqualsIgnoreCase(name)) {
                close |= HttpHeaderValues.CLOSE.contentEqualsIgnoreCase(header.getValue().trim());
            } else if (!HttpHeaderNames.DATE.contentEqualsIgnoreCase(name)
                && !HttpHeaderNames.CONNECTION.contentEqualsIgnoreCase(name)
                && !HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(name)) {
                text.append(name).append(": ").append(header.getValue()).append("\r\n");
            }
        }
        return new Wire(text.toString().getBytes(StandardCharsets.ISO_8859_1), contentLength, close);
    }

    private static long parseLength(String value) {
        try {
            long length = Long.parseLong(value.trim());
            return length >= 0 ? length : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
