package io.nettle.internal.http2;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2FrameStreamEvent;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.netty.util.concurrent.EventExecutor;
import io.nettle.http.ConnectionExecutor;
import io.nettle.internal.AppRuntime;
import io.nettle.internal.exchange.ConnectionFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the streams of one HTTP/2 connection: the frames the codec reads go to the
 * {@link StreamHandler} of their stream (made by the stream's first HEADERS frame), the stream's
 * writes go straight to the codec, and what is written while a read is in progress is flushed
 * once, when the read is complete (the answers to eight streams read together leave as one write).
 *
 * <p>There is no channel per stream (as Netty's {@code Http2MultiplexHandler} would make): a
 * stream is a plain object, which is what makes a request on HTTP/2 cost about what it costs on
 * HTTP/1.1. What a child channel gave is done here: a stream's end (the codec's state event) ends
 * its handler, the codec's flow-control writability reaches the stream that waits for it, and a
 * failure in one stream's handling resets that stream, not the connection.
 */
final class Http2Streams extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(Http2Streams.class);

    private final AppRuntime app;
    private final ConnectionExecutor loop;
    private final ConnectionFacts facts;
    private final Http2FrameCodec codec;
    private final IntObjectMap<StreamHandler> streams = new IntObjectHashMap<>(8);
    private ChannelHandlerContext ctx;
    private boolean reading;
    private boolean flushPending;

    Http2Streams(AppRuntime app, ConnectionExecutor loop, ConnectionFacts facts, Http2FrameCodec codec) {
        this.app = app;
        this.loop = loop;
        this.facts = facts;
        this.codec = codec;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        if (!(msg instanceof Http2StreamFrame frame) || frame.stream() == null) {
            ReferenceCountUtil.release(msg); // the connection's own frames are the codec's and the guard's business
            return;
        }
        int id = frame.stream().id();
        StreamHandler stream = streams.get(id);
        if (stream == null) {
            if (msg instanceof Http2HeadersFrame headers) {
                stream = new StreamHandler(this, frame.stream(), app, loop, facts);
                streams.put(id, stream);
                dispatch(stream, headers);
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        dispatch(stream, frame);
    }

    private void dispatch(StreamHandler stream, Http2StreamFrame frame) {
        try {
            if (frame instanceof Http2HeadersFrame headers) {
                stream.onHeaders(headers);
            } else if (frame instanceof Http2DataFrame data) {
                stream.onData(data);
            } else if (frame instanceof Http2ResetFrame) {
                stream.onReset();
            } else {
                ReferenceCountUtil.release(frame);
            }
        } catch (RuntimeException | Error failure) {
            LOG.warn("Failure serving HTTP/2 stream {} on {}, resetting it", frame.stream().id(), ctx.channel(), failure);
            stream.cancel();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof Http2FrameStreamEvent streamEvent) {
            int id = streamEvent.stream().id();
            if (streamEvent.type() == Http2FrameStreamEvent.Type.Writability) {
                StreamHandler stream = streams.get(id);
                if (stream != null) {
                    stream.writabilityChanged();
                }
            } else if (streamEvent.stream().state() == Http2Stream.State.CLOSED) {
                StreamHandler stream = streams.remove(id);
                if (stream != null) {
                    stream.closed();
                }
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof Http2FrameStreamException) {
            // The codec has reset the stream already; its end comes as a state event.
            LOG.debug("HTTP/2 stream error on {}", ctx.channel(), cause);
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    /** Writes a frame of a stream; it leaves with the next {@link #flush}. */
    ChannelFuture write(Http2StreamFrame frame) {
        return ctx.write(frame);
    }

    /** Flushes now, or when the read in progress is complete. */
    void flush() {
        if (reading) {
            flushPending = true;
        } else {
            ctx.flush();
        }
    }

    /** Whether {@code stream} takes more: its window and the connection's are open and the socket keeps up. */
    boolean isWritable(Http2FrameStream stream) {
        Http2Stream state = codec.connection().stream(stream.id());
        return state != null && codec.connection().remote().flowController().isWritable(state);
    }

    ChannelFuture succeeded() {
        return ctx.newSucceededFuture();
    }

    EventExecutor executor() {
        return ctx.executor();
    }
}
