package io.nettle.internal.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.nettle.http.Response;
import io.nettle.internal.ResponseValue;
import io.nettle.internal.exchange.DateHeader;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link Response} as the bytes of an HTTP/1.1 response, straight into one buffer.
 *
 * <p>What never changes for a response instance (status line and its own headers) is written
 * straight into the buffer, and cached on the response when the same instance is written a
 * second time, so a constant response returned by an endpoint costs one buffer and a few
 * copies per request: no header objects, no encoder pass. Per request it adds
 * {@code Content-Length}, {@code Date} (formatted once per second for everyone) and, when the
 * connection is closing or the client speaks HTTP/1.0, {@code Connection}. HEAD, 1xx, 204 and
 * 304 responses carry no body.
 */
final class ResponseWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CONTENT_LENGTH = "content-length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_CLOSE = "connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_KEEP_ALIVE = "connection: keep-alive\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING_CHUNKED = "transfer-encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final ByteBuf LAST_CHUNK = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(
        "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    /** The body length of {@link #encodeHead} for a chunked body. */
    static final long CHUNKED = -1;
    /** The body length of {@link #encodeHead} for a body without a length: none, or one ended by closing. */
    static final long NO_LENGTH = -2;
    private static final ByteBuf CONTINUE = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(
        "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    /** Bodies up to this size are copied next to the head; larger ones are sent without copying. */
    private static final int COPY_LIMIT = 8 * 1024;

    /**
     * The cached part of a response on the wire: status line and the response's own headers,
     * minus the ones written per request. Made the second time a response instance is written,
     * so that a response made per request costs no cache.
     */
    private record Wire(byte[] prefix) {
    }

    /** Marks a response written once (not cached yet). */
    private static final Object SEEN = new Object();
    private static final byte[][] STATUS_LINES = new byte[600][];

    private ResponseWriter() {
    }

    /** Whether the application's response itself asks for the connection to close. */
    static boolean asksToClose(Response response) {
        String[] pairs = ResponseValue.of(response).headerPairs();
        for (int i = 0; i < pairs.length; i += 2) {
            if (HttpHeaderNames.CONNECTION.contentEqualsIgnoreCase(pairs[i])
                && HttpHeaderValues.CLOSE.contentEqualsIgnoreCase(pairs[i + 1].trim())) {
                return true;
            }
        }
        return false;
    }

    /** {@code 100 Continue}, to write before reading a body the client holds back. */
    static ByteBuf continueResponse() {
        return CONTINUE.duplicate();
    }

    /** The bytes of {@code response} to a request ({@code head}: of method HEAD), closing or not. */
    static ByteBuf encode(ByteBufAllocator alloc, Response response, boolean head, HttpVersion requestVersion, boolean close) {
        int status = response.status();
        boolean noBody = !ResponseValue.carriesBody(status);
        byte[] body = response.body();
        boolean sendBody = !head && !noBody && body.length > 0;
        boolean copyBody = sendBody && body.length <= COPY_LIMIT;
        ResponseValue value = ResponseValue.of(response);
        long userLength = head ? value.declaredLength() : -1;
        ByteBuf buf = alloc.buffer(160 + 48 * value.headerPairs().length + (copyBody ? body.length : 0));
        writeHead(buf, value, noBody ? NO_LENGTH : userLength >= 0 ? userLength : bodyLength(value), requestVersion, close);
        if (copyBody) {
            return buf.writeBytes(body);
        }
        return sendBody ? Unpooled.wrappedBuffer(buf, Unpooled.wrappedBuffer(body)) : buf;
    }

    /** The length a response's head announces: of its bytes, of its file, or chunked for a produced body (a HEAD answer). */
    private static long bodyLength(ResponseValue value) {
        return value.file() != null ? value.file().length() : value.producer() != null ? CHUNKED : value.body().length;
    }

    /**
     * The head alone of {@code response}, whose body follows: {@code length} bytes, or
     * {@link #CHUNKED}, or {@link #NO_LENGTH} (a body ended by closing the connection, for HTTP/1.0,
     * or none at all).
     */
    static ByteBuf encodeHead(ByteBufAllocator alloc, Response response, long length, HttpVersion requestVersion, boolean close) {
        ResponseValue value = ResponseValue.of(response);
        ByteBuf buf = alloc.buffer(160 + 48 * value.headerPairs().length);
        writeHead(buf, value, length, requestVersion, close);
        return buf;
    }

    private static void writeHead(ByteBuf buf, ResponseValue value, long length, HttpVersion requestVersion, boolean close) {
        writeFixedPart(buf, value, value.headerPairs());
        if (length == CHUNKED) {
            buf.writeBytes(TRANSFER_ENCODING_CHUNKED);
        } else if (length >= 0) {
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
    }

    /**
     * One chunk of a chunked body: its size line, the bytes, CRLF. A piece in direct memory is
     * not copied (the three parts go out in one gathering write); a piece on the heap (an app's
     * {@code byte[]}) has to be copied to direct memory for the socket anyway, so it is copied once,
     * with the size line and the CRLF, into one buffer (and released).
     */
    static ByteBuf chunk(ByteBufAllocator alloc, ByteBuf piece) {
        int size = piece.readableBytes();
        if (piece.isDirect()) {
            ByteBuf line = alloc.buffer(12);
            line.writeCharSequence(Integer.toHexString(size), StandardCharsets.US_ASCII);
            line.writeBytes(CRLF);
            return Unpooled.wrappedUnmodifiableBuffer(line, piece, Unpooled.wrappedBuffer(CRLF));
        }
        ByteBuf chunk = alloc.directBuffer(8 + CRLF.length + size + CRLF.length);
        try {
            chunk.writeCharSequence(Integer.toHexString(size), StandardCharsets.US_ASCII);
            chunk.writeBytes(CRLF).writeBytes(piece).writeBytes(CRLF);
        } finally {
            piece.release();
        }
        return chunk;
    }

    /** The last chunk of a chunked body, without trailers. */
    static ByteBuf lastChunk() {
        return LAST_CHUNK.duplicate();
    }

    /** Writes the status line and the response's own headers: from the cache when the response was written before. */
    private static void writeFixedPart(ByteBuf buf, ResponseValue value, String[] pairs) {
        Object cached = value.wire();
        if (cached instanceof Wire wire) {
            buf.writeBytes(wire.prefix());
            return;
        }
        int start = buf.writerIndex();
        buf.writeBytes(statusLine(value.status()));
        for (int i = 0; i < pairs.length; i += 2) {
            String name = pairs[i];
            if (!HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name)
                && !HttpHeaderNames.DATE.contentEqualsIgnoreCase(name)
                && !HttpHeaderNames.CONNECTION.contentEqualsIgnoreCase(name)
                && !HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(name)) {
                buf.writeCharSequence(name, StandardCharsets.ISO_8859_1);
                buf.writeByte(':').writeByte(' ');
                buf.writeCharSequence(pairs[i + 1], StandardCharsets.ISO_8859_1);
                buf.writeBytes(CRLF);
            }
        }
        if (cached == SEEN) {
            byte[] prefix = new byte[buf.writerIndex() - start];
            buf.getBytes(start, prefix);
            value.wire(new Wire(prefix));
        } else {
            value.wire(SEEN);
        }
    }

    private static byte[] statusLine(int status) {
        byte[] line = STATUS_LINES[status];
        if (line == null) {
            line = ("HTTP/1.1 " + HttpResponseStatus.valueOf(status) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            STATUS_LINES[status] = line;
        }
        return line;
    }
}
