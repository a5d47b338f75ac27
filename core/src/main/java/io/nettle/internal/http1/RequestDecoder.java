package io.nettle.internal.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * Netty's strict request decoder, plus what it lets through and Nettle refuses, and what the
 * connection's timeouts need to know:
 * <ul>
 * <li>A header line starting with a space or a tab (obsolete line folding, or whitespace
 *     between the request line and the first header, RFC 9112 §2.2 and §5.2) makes the request
 *     invalid (a {@code 400}) instead of being joined to the previous header.</li>
 * <li>{@link #midHead()} tells whether some bytes of a request head arrived but not all of it.</li>
 * <li>{@link #pause()} stops decoding before the next request head: the bytes stay undecoded
 *     in the buffer until {@link #resume()}, which decodes them (HTTP/1.1 pipelining is bounded
 *     this way, without dropping a request).</li>
 * </ul>
 * Lines are checked before Netty parses them; Netty only consumes complete lines, so what is
 * left in the buffer between two calls always starts at the beginning of a line.
 */
final class RequestDecoder extends HttpRequestDecoder {
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    /** The next bytes belong to a request head (between two requests, or inside a head). */
    private boolean inHead = true;
    /** Some bytes of the current head arrived. */
    private boolean headStarted;
    /** Netty consumed the request line of the current head. */
    private boolean requestLineDone;
    /** An invalid head was reported: everything after it is dropped. */
    private boolean rejected;
    /** No further request head is decoded until {@link #resume()}. */
    private boolean paused;
    /** Inside {@link #channelRead}: decoding is under way and must not be re-entered. */
    private boolean reading;
    /** Resumed while reading: decode the kept bytes once the current read is done. */
    private boolean decodeKept;
    private ChannelHandlerContext ctx;

    RequestDecoder(HttpDecoderConfig config) {
        super(config);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    /** Stops decoding before the next request head; the current request's body still decodes. */
    void pause() {
        paused = true;
    }

    /**
     * Decodes again, starting with the bytes kept while paused (at once, or right after the read
     * under way when called from one of its messages). Call it on the event loop.
     */
    void resume() {
        if (!paused) {
            return;
        }
        paused = false;
        decodeKept = true;
        if (!reading) {
            try {
                channelRead(ctx, Unpooled.EMPTY_BUFFER);
            } catch (Exception e) {
                ctx.fireExceptionCaught(e);
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        Object next = msg;
        do {
            decodeKept = false;
            reading = true;
            try {
                super.channelRead(ctx, next);
            } finally {
                reading = false;
            }
            next = Unpooled.EMPTY_BUFFER;
        } while (decodeKept && !paused && internalBuffer().isReadable());
    }

    /** Whether part of a request head, but not all of it, has arrived. */
    boolean midHead() {
        return inHead && headStarted;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (rejected) {
            buffer.skipBytes(buffer.readableBytes());
            return;
        }
        if (paused && inHead) {
            return;
        }
        int requestLineEnd = -1;
        if (inHead && buffer.isReadable()) {
            headStarted = true;
            int from = buffer.readerIndex();
            if (!requestLineDone) {
                requestLineEnd = endOfRequestLine(buffer);
                from = requestLineEnd;
            }
            if (from >= 0 && foldedLine(buffer, from)) {
                rejected = true;
                buffer.skipBytes(buffer.readableBytes());
                HttpMessage invalid = createInvalidMessage();
                invalid.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("Folded header line")));
                out.add(invalid);
                return;
            }
        }
        int first = out.size();
        super.decode(ctx, buffer, out);
        if (requestLineEnd >= 0 && buffer.readerIndex() >= requestLineEnd) {
            requestLineDone = true;
        }
        for (int i = first; i < out.size(); i++) {
            Object message = out.get(i);
            if (message instanceof HttpRequest) {
                inHead = false;
                headStarted = false;
            }
            if (message instanceof LastHttpContent) {
                inHead = true;
                requestLineDone = false;
            }
        }
    }

    /** The index just after the request line's LF (leading empty lines skipped), or -1 when it is not complete. */
    private static int endOfRequestLine(ByteBuf buffer) {
        int i = buffer.readerIndex();
        int end = buffer.writerIndex();
        while (i < end && (buffer.getByte(i) == CR || buffer.getByte(i) == LF)) {
            i++;
        }
        int lf = buffer.indexOf(i, end, LF);
        return lf < 0 ? -1 : lf + 1;
    }

    /** Whether a complete or partial header line from {@code from} on, before the end of the head, starts with SP or HT. */
    private static boolean foldedLine(ByteBuf buffer, int from) {
        int end = buffer.writerIndex();
        int i = from;
        while (i < end) {
            byte first = buffer.getByte(i);
            if (first == ' ' || first == '\t') {
                return true;
            }
            if (first == LF || first == CR) {
                return false;
            }
            int lf = buffer.indexOf(i, end, LF);
            if (lf < 0) {
                return false;
            }
            i = lf + 1;
        }
        return false;
    }
}
