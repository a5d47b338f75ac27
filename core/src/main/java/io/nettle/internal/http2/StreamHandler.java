package io.nettle.internal.http2;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.nettle.ServerSettings;
import io.nettle.http.ConnectionExecutor;
import io.nettle.http.HttpException;
import io.nettle.http.Response;
import io.nettle.internal.AccessLog;
import io.nettle.internal.AppRuntime;
import io.nettle.internal.FileBody;
import io.nettle.internal.RequestState;
import io.nettle.internal.ResponseValue;
import io.nettle.internal.ServerRequest;
import io.nettle.internal.Stages;
import io.nettle.internal.exchange.ConnectionFacts;
import io.nettle.internal.exchange.Exchange;
import io.nettle.internal.exchange.ExchangeOwner;
import io.nettle.internal.exchange.PendingResponse;
import io.nettle.internal.exchange.FileStreamer;
import io.nettle.internal.exchange.RequestHeadCheck;
import io.nettle.internal.exchange.StreamedBody;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Serves one HTTP/2 stream as an exchange, as an HTTP/1.1 connection serves one request: the
 * same checks, routing, middleware, authentication and errors. Its body is read on demand, and
 * HTTP/2 flow control holds the client to one window of it until the application asks; the
 * response goes out as a HEADERS frame and a DATA frame.
 *
 * <p>What it waits for is bounded: more of a body the application reads
 * ({@link ServerSettings#bodyTimeout()}, then 408), and the client to open its window for the
 * response ({@link ServerSettings#writeTimeout()}, then the stream is reset). A response sent
 * before the body ended resets the stream with {@code NO_ERROR} (RFC 9113 §8.1): the client
 * stops sending what nobody reads.
 */
final class StreamHandler extends ChannelInboundHandlerAdapter implements ExchangeOwner {
    private final AppRuntime app;
    private final ConnectionExecutor loop;
    private final ConnectionFacts facts;
    private ChannelHandlerContext ctx;
    private Exchange exchange;
    private RequestState state;
    private ScheduledFuture<?> timer;
    /** The response's streamed body while it is being sent, else {@code null}. */
    private StreamedBody streaming;
    /** When the stream's head came, for the access log; 0 when the log is off. */
    private long started;

    StreamHandler(AppRuntime app, ConnectionExecutor loop, ConnectionFacts facts) {
        this.app = app;
        this.loop = loop;
        this.facts = facts;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2HeadersFrame headers) {
            if (exchange == null) {
                start(headers);
            } else if (headers.isEndStream()) {
                exchange.onContent(Unpooled.EMPTY_BUFFER, true); // trailers end the body; their fields are not kept
            }
        } else if (msg instanceof Http2DataFrame data && exchange != null) {
            disarm();
            exchange.onContent(data.content(), data.isEndStream());
        } else if (msg instanceof Http2ResetFrame) {
            abandon();
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        readIfWanted();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        abandon();
        disarm();
        if (exchange != null) {
            exchange.over();
        }
        if (streaming != null) {
            streaming.clientGone();
            streaming = null;
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (streaming != null && ctx.channel().isWritable()) {
            disarm();
            streaming.writable();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void start(Http2HeadersFrame frame) {
        ServerSettings settings = app.settings();
        if (AccessLog.on(settings)) {
            started = System.nanoTime();
        }
        HttpRequest head;
        try {
            head = Http2Requests.head(frame.headers());
        } catch (HttpException malformed) {
            refuse(malformed, null);
            return;
        }
        exchange = new Exchange(this, head, true, settings.maxBodySize(), settings.decompressRequests());
        if (frame.isEndStream()) {
            exchange.onContent(Unpooled.EMPTY_BUFFER, true);
        }
        HttpException rejection = RequestHeadCheck.common(head, settings);
        if (rejection != null) {
            exchange.markResponded();
            refuse(rejection, head);
            return;
        }
        state = facts.newRequest(head, app, loop, exchange);
        ServerRequest request = new ServerRequest(state);
        HttpException refusal = state.refusal();
        if (refusal != null) {
            respond(refusal.toResponse());
            return;
        }
        CompletionStage<Response> stage = app.handle(request);
        if (Stages.succeeded(stage)) {
            respond(stage.toCompletableFuture().getNow(null));
        } else {
            stage.whenComplete(new PendingResponse(loop) {
                @Override
                protected void respond(Response response) {
                    StreamHandler.this.respond(response);
                }
            });
        }
    }

    /** Answers a stream whose head cannot be served ({@code head} and the exchange when it could be read at all). */
    private void refuse(HttpException rejection, HttpRequest head) {
        Response response = rejection.toResponse();
        if (started != 0) {
            AccessLog.log(facts.client().host(), null, head == null ? null : head.method().name(),
                head == null ? null : AccessLog.target(head.uri(), app.settings()), "HTTP/2", response.status(),
                ResponseValue.bodyBytes(response, false), System.nanoTime() - started);
        }
        write(response, false, exchange);
    }

    private void respond(Response response) {
        if (exchange.responded() || !ctx.channel().isActive()) {
            return;
        }
        exchange.markResponded();
        boolean head = exchange.isHead();
        response = app.responseFinish().apply(response, exchange.head().headers().get(HttpHeaderNames.ACCEPT_ENCODING), facts.secure());
        if (started != 0) {
            AccessLog.log(state, "HTTP/2", response.status(), ResponseValue.bodyBytes(response, head), started);
        }
        write(response, head, exchange);
    }

    /** Writes {@code response}; resets the stream once it is sent if the body did not end, and when it cannot be sent in time. */
    private void write(Response response, boolean head, Exchange answered) {
        ResponseValue value = ResponseValue.of(response);
        if (value.streamed() && !head && ResponseValue.carriesBody(value.status())) {
            writeStreamed(value, answered);
            return;
        }
        long bodyBytes = ResponseValue.bodyBytes(response, head);
        ctx.write(new DefaultHttp2HeadersFrame(Http2Responses.headers(value, head), bodyBytes == 0));
        ChannelFuture sent = bodyBytes == 0 ? ctx.newSucceededFuture() : null;
        if (bodyBytes > 0) {
            sent = ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(value.body()), true));
        }
        ctx.flush();
        boolean bodyEnded = answered != null && answered.bodyComplete();
        if (sent.isDone()) {
            afterSent(bodyEnded);
            return;
        }
        disarm();
        timer = ctx.executor().schedule(this::writeTimedOut, app.settings().writeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        sent.addListener(future -> {
            disarm();
            afterSent(answered != null && answered.bodyComplete());
        });
    }

    /** Sends the head of a response whose body is a file or produced, then its body as DATA frames, paced by the stream's window. */
    private void writeStreamed(ResponseValue response, Exchange answered) {
        ctx.writeAndFlush(new DefaultHttp2HeadersFrame(Http2Responses.headers(response, false), false));
        streaming = new StreamedBody(loop, new Http2Body(ctx, this::armWriteTimeout, () -> {
            streaming = null;
            afterSent(answered != null && answered.bodyComplete());
        }));
        FileBody file = response.file();
        streaming.start(file != null ? new FileStreamer(file, app.blockingExecutor()) : response.producer());
    }

    /** The stream stopped taking more: it has the write timeout to take it again (see {@link #channelWritabilityChanged}). */
    private void armWriteTimeout() {
        if (timer == null) {
            timer = ctx.executor().schedule(this::writeTimedOut, app.settings().writeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The client kept its window shut: the response is dropped with the stream (a close alone resets no stream whose request ended). */
    private void writeTimedOut() {
        timer = null;
        ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.CANCEL));
        ctx.close();
    }

    /**
     * The response is out: a body still coming is refused ({@code RST_STREAM NO_ERROR}), and the
     * stream closed, which releases what of it was already buffered.
     */
    private void afterSent(boolean bodyEnded) {
        if (!bodyEnded && ctx.channel().isActive()) {
            ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR));
            ctx.close();
        }
    }

    /** The client reset the stream or the connection went away before the exchange was done. */
    private void abandon() {
        if (exchange != null && !exchange.responded()) {
            exchange.abort(new HttpException(400, "Stream closed before the body was complete"));
            exchange.markResponded();
            if (started != 0 && state != null) {
                AccessLog.log(state, "HTTP/2", 499, 0, started);
            }
        }
    }

    @Override
    public ConnectionExecutor loop() {
        return loop;
    }

    @Override
    public void sendContinue() {
        ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("100"), false));
    }

    @Override
    public void readIfWanted() {
        if (exchange == null || exchange.responded() || !exchange.wantsMore() || !ctx.channel().isActive()) {
            return;
        }
        ctx.read();
        if (timer == null) {
            timer = ctx.executor().schedule(this::bodyTimedOut, app.settings().bodyTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void bodyTimedOut() {
        timer = null;
        if (!exchange.responded() && !exchange.bodyComplete()) {
            HttpException late = new HttpException(408, "Request body not received in time");
            exchange.abort(late);
            respond(late.toResponse());
        }
    }

    @Override
    public void stopAfterResponse() {
        // The response resets the stream when the body did not end (see write).
    }

    @Override
    public void finish(Exchange done) {
        disarm();
        if (streaming == null) {
            done.over();
        }
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
