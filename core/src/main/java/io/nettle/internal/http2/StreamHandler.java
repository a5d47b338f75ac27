package io.nettle.internal.http2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2HeadersFrame;
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
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Serves one HTTP/2 stream as an exchange, as an HTTP/1.1 connection serves one request: the
 * same checks, routing, middleware, authentication and errors. Its body is read on demand: the
 * DATA frames that come before the application asks are held, and their bytes given back to the
 * client's window only once they are taken, so HTTP/2 flow control holds the client to one window
 * of body until the application asks. The response goes out as a HEADERS frame and a DATA frame.
 *
 * <p>What it waits for is bounded: more of a body the application reads
 * ({@link ServerSettings#bodyTimeout()}, then 408), and the client to open its window for the
 * response ({@link ServerSettings#writeTimeout()}, then the stream is reset). A response sent
 * before the body ended resets the stream with {@code NO_ERROR} (RFC 9113 §8.1): the client
 * stops sending what nobody reads.
 *
 * <p>Not a channel handler: {@link Http2Streams} gives it its stream's frames and events, on the
 * connection's loop.
 */
final class StreamHandler implements ExchangeOwner {
    private final Http2Streams connection;
    private final Http2FrameStream stream;
    private final AppRuntime app;
    private final ConnectionExecutor loop;
    private final ConnectionFacts facts;
    private Exchange exchange;
    private RequestState state;
    private ScheduledFuture<?> timer;
    /** The response's streamed body while it is being sent, else {@code null}. */
    private StreamedBody streaming;
    /** DATA frames (and the end of trailers) that came before the exchange wanted them, else {@code null}. */
    private ArrayDeque<Http2DataFrame> held;
    /** Whether the stream is closed (both ways, or reset): nothing more is written to it. */
    private boolean closed;
    /** When the stream's head came, for the access log; 0 when the log is off. */
    private long started;

    StreamHandler(Http2Streams connection, Http2FrameStream stream, AppRuntime app, ConnectionExecutor loop, ConnectionFacts facts) {
        this.connection = connection;
        this.stream = stream;
        this.app = app;
        this.loop = loop;
        this.facts = facts;
    }

    /** A HEADERS frame: the request's head, or its trailers (which end the body; their fields are not kept). */
    void onHeaders(Http2HeadersFrame headers) {
        if (exchange == null) {
            start(headers);
        } else if (headers.isEndStream()) {
            onData(new DefaultHttp2DataFrame(Unpooled.EMPTY_BUFFER, true));
        }
    }

    /** A DATA frame: taken now if the exchange wants it, else held until it does. */
    void onData(Http2DataFrame data) {
        if (exchange == null || closed) {
            data.release();
            return;
        }
        if (held == null && exchange.wantsMore()) {
            take(data);
            readIfWanted();
        } else {
            if (held == null) {
                held = new ArrayDeque<>(4);
            }
            held.add(data);
        }
    }

    /** Gives {@code data} to the exchange and its bytes back to the client's window. */
    private void take(Http2DataFrame data) {
        disarm();
        int flowControlled = data.initialFlowControlledBytes();
        exchange.onContent(data.content(), data.isEndStream());
        if (flowControlled > 0 && !closed) {
            connection.write(new DefaultHttp2WindowUpdateFrame(flowControlled).stream(stream));
            connection.flush();
        }
    }

    /** The client reset the stream. */
    void onReset() {
        abandon();
    }

    /** The stream is closed (both ways, reset, or with its connection): what it holds is let go. */
    void closed() {
        closed = true;
        abandon();
        disarm();
        releaseHeld();
        if (exchange != null) {
            exchange.over();
        }
        if (streaming != null) {
            streaming.clientGone();
            streaming = null;
        }
    }

    /** The stream's flow-control window or the connection's writability changed. */
    void writabilityChanged() {
        if (streaming != null && isWritable()) {
            disarm();
            streaming.writable();
        }
    }

    boolean isWritable() {
        return !closed && connection.isWritable(stream);
    }

    /** Writes a DATA frame of the response; it leaves with the connection's next flush, which this asks for. */
    ChannelFuture sendData(ByteBuf piece, boolean endStream) {
        ChannelFuture sent = connection.write(new DefaultHttp2DataFrame(piece, endStream).stream(stream));
        connection.flush();
        return sent;
    }

    /** Resets the stream ({@code CANCEL}): its response cannot be given. */
    void cancel() {
        reset(Http2Error.CANCEL);
    }

    private void reset(Http2Error error) {
        if (!closed) {
            connection.write(new DefaultHttp2ResetFrame(error).stream(stream));
            connection.flush();
        }
    }

    private void releaseHeld() {
        if (held != null) {
            held.forEach(Http2DataFrame::release);
            held = null;
        }
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
        if (exchange.responded() || closed) {
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
        connection.write(new DefaultHttp2HeadersFrame(Http2Responses.headers(value, head), bodyBytes == 0).stream(stream));
        ChannelFuture sent = bodyBytes == 0 ? connection.succeeded() : null;
        if (bodyBytes > 0) {
            sent = connection.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(value.body()), true).stream(stream));
        }
        connection.flush();
        boolean bodyEnded = answered != null && answered.bodyComplete();
        if (sent.isDone()) {
            afterSent(bodyEnded);
            return;
        }
        disarm();
        timer = connection.executor().schedule(this::writeTimedOut, app.settings().writeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        sent.addListener(future -> {
            disarm();
            afterSent(answered != null && answered.bodyComplete());
        });
    }

    /** Sends the head of a response whose body is a file or produced, then its body as DATA frames, paced by the stream's window. */
    private void writeStreamed(ResponseValue response, Exchange answered) {
        connection.write(new DefaultHttp2HeadersFrame(Http2Responses.headers(response, false), false).stream(stream));
        connection.flush();
        streaming = new StreamedBody(loop, new Http2Body(this, this::armWriteTimeout, () -> {
            streaming = null;
            afterSent(answered != null && answered.bodyComplete());
        }));
        FileBody file = response.file();
        streaming.start(file != null ? new FileStreamer(file, app.blockingExecutor()) : response.producer());
    }

    /** The stream stopped taking more: it has the write timeout to take it again (see {@link #channelWritabilityChanged}). */
    private void armWriteTimeout() {
        if (timer == null) {
            timer = connection.executor().schedule(this::writeTimedOut, app.settings().writeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The client kept its window shut: the response is dropped with the stream (a close alone resets no stream whose request ended). */
    private void writeTimedOut() {
        timer = null;
        cancel();
    }

    /**
     * The response is out: a body still coming is refused ({@code RST_STREAM NO_ERROR}), and the
     * stream closed, which releases what of it was already buffered.
     */
    private void afterSent(boolean bodyEnded) {
        if (!bodyEnded) {
            reset(Http2Error.NO_ERROR);
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
        if (!closed) {
            connection.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("100"), false).stream(stream));
            connection.flush();
        }
    }

    @Override
    public void readIfWanted() {
        if (exchange == null || closed) {
            return;
        }
        while (held != null && exchange.wantsMore()) {
            Http2DataFrame next = held.poll();
            if (held.isEmpty()) {
                held = null;
            }
            take(next);
        }
        if (held == null && exchange.wantsMore() && !exchange.responded() && timer == null) {
            timer = connection.executor().schedule(this::bodyTimedOut, app.settings().bodyTimeout().toNanos(), TimeUnit.NANOSECONDS);
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
