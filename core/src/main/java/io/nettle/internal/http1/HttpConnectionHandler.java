package io.nettle.internal.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.nettle.ServerSettings;
import io.nettle.http.ConnectionExecutor;
import io.nettle.http.HttpException;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.internal.AppRuntime;
import io.nettle.internal.FileBody;
import io.nettle.internal.RequestState;
import io.nettle.internal.ResponseValue;
import io.nettle.internal.ServerRequest;
import io.nettle.internal.Stages;
import io.nettle.internal.exchange.ConnectionEvent;
import io.nettle.internal.exchange.ConnectionFacts;
import io.nettle.internal.exchange.Exchange;
import io.nettle.internal.exchange.ExchangeOwner;
import io.nettle.internal.exchange.FileStreamer;
import io.nettle.internal.exchange.PendingResponse;
import io.nettle.internal.exchange.RequestHeadCheck;
import io.nettle.internal.exchange.StreamedBody;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one bridge between Netty and the application, one instance per connection. It takes the
 * decoded request heads and bodies, runs each request through the app, and writes the responses
 * in request order (HTTP/1.1 pipelining) with keep-alive.
 *
 * <p>Reading is explicit (auto-read is off), and bounded while a request is in flight: its body
 * is read once the application wants it, and before that at most {@link Exchange#READ_AHEAD}
 * bytes of it; once its body is complete, reading can only bring the next pipelined requests, of
 * which at most {@link Http1Pipeline.MAX_PIPELINED_REQUESTS} are decoded ahead (the decoder
 * keeps the bytes of the others until the queue has room, and nothing more is read from the
 * socket while requests are queued); after a WebSocket
 * handshake request, a well-behaved client sends nothing until it is answered. The connection
 * keeps reading within these bounds so that a client that leaves while the application works
 * is noticed on every transport. Every {@code ByteBuf} is released here: bodies are copied out
 * into arrays as they arrive, and responses are written as fresh buffers.
 *
 * <p>Whatever the connection waits for is under one {@link ConnectionTimer}: the next request
 * ({@link ServerSettings#idleTimeout()}), the rest of a head ({@link ServerSettings#headerTimeout()},
 * then 408), more of a body ({@link ServerSettings#bodyTimeout()}, then 408), or the peer to
 * read ({@link ServerSettings#writeTimeout()}, then the connection is closed). Nothing is read
 * while the channel is not writable, so a peer that does not read cannot make the server
 * buffer responses to its pipelined requests.
 *
 * <p>With the access log on, a {@link RequestLog} logs each request once: when its response is
 * written, when it is refused, or when the client left before its response; a WebSocket
 * handshake that is handed over is logged by its session when that ends.
 */
public final class HttpConnectionHandler extends ChannelInboundHandlerAdapter implements ExchangeOwner {
    private static final Logger LOG = LoggerFactory.getLogger(HttpConnectionHandler.class);

    private final AppRuntime app;
    private final ConnectionExecutor loop;
    private final RequestDecoder decoder;
    private final ArrayDeque<HttpObject> inbound = new ArrayDeque<>(4);
    private ChannelHandlerContext ctx;
    private ConnectionTimer timer;
    /** Who the client is and how it is connected, known at the first request (after any TLS handshake). */
    private ConnectionFacts facts;
    private Exchange current;
    /** The streamed body of the current exchange's response while it is being sent, else {@code null}. */
    private StreamedBody streaming;
    private boolean processing;
    private boolean inReadBatch;
    private boolean flushPending;
    private boolean closing;
    /** No further request is served on this connection: the server is stopping or the body was refused. */
    private boolean lastRequest;
    /** Request heads in {@link #inbound}, not started yet. */
    private int queuedHeads;
    /** The access log of this connection; {@code null} when it is off (decided once per connection). */
    private final RequestLog accessLog;

    HttpConnectionHandler(AppRuntime app, ConnectionExecutor loop, RequestDecoder decoder) {
        this.app = app;
        this.loop = loop;
        this.decoder = decoder;
        this.accessLog = RequestLog.of(app.settings());
    }

    @Override
    public ConnectionExecutor loop() {
        return loop;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.timer = new ConnectionTimer(ctx.executor(), this::expired);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        timer.stop();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        readIfWanted();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        inReadBatch = true;
        if (closing || !(msg instanceof HttpObject object)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (object instanceof HttpRequest && ++queuedHeads == Http1Pipeline.MAX_PIPELINED_REQUESTS) {
            decoder.pause();
        }
        inbound.add(object);
        process();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inReadBatch = false;
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
        readIfWanted();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        timer.stop();
        releaseInbound();
        if (accessLog != null) {
            accessLog.abandoned();
        }
        if (current != null) {
            current.abort(new HttpException(400, "Connection closed before the body was complete"));
            current = null;
        }
        if (streaming != null) {
            streaming.clientGone();
            streaming = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (streaming != null) {
            streaming.writable();
        }
        process();
        readIfWanted();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ConnectionEvent.DRAIN) {
            lastRequest = true;
            if (current == null) {
                closing = true;
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Connection error, closing {}", ctx.channel(), cause);
        closing = true;
        ctx.close();
    }

    /**
     * Works through the queued messages until one has to wait for the request in flight, or, for
     * the next request, until the peer has read enough of the responses (the channel is writable).
     */
    private void process() {
        if (processing) {
            return;
        }
        processing = true;
        try {
            while (!inbound.isEmpty() && !closing) {
                HttpObject msg = inbound.peek();
                if (current == null && msg instanceof HttpRequest && !ctx.channel().isWritable()) {
                    break;
                } else if (current == null) {
                    inbound.poll();
                    if (msg instanceof HttpRequest head) {
                        queuedHeads--;
                        start(head);
                    }
                    if (msg instanceof HttpContent content) {
                        if (current != null) {
                            onContent(content);
                        } else {
                            content.release();
                        }
                    }
                } else if (msg instanceof HttpContent content) {
                    inbound.poll();
                    onContent(content);
                } else {
                    break;
                }
            }
        } finally {
            processing = false;
        }
        if (closing) {
            releaseInbound();
        } else if (queuedHeads < Http1Pipeline.MAX_PIPELINED_REQUESTS) {
            resumeDecoding();
        }
    }

    /** Decodes the pipelined requests kept undecoded while the queue was full, as a read of its own. */
    private void resumeDecoding() {
        boolean batch = inReadBatch;
        decoder.resume();
        if (!batch && inReadBatch) {
            channelReadComplete(ctx);
        }
    }

    private void start(HttpRequest head) {
        if (accessLog != null) {
            accessLog.begin();
        }
        HttpException rejection = RequestHeadCheck.http1(head, app.settings());
        if (rejection != null) {
            reject(rejection, head);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(head) && !lastRequest;
        Exchange exchange = new Exchange(this, head, keepAlive, app.settings().maxBodySize(), app.settings().decompressRequests());
        current = exchange;
        if (facts == null) {
            facts = ConnectionFacts.of(ctx.channel());
        }
        RequestState state = facts.newRequest(head, app, loop, exchange);
        Request request = new ServerRequest(state);
        HttpException refusal = state.refusal();
        if (refusal != null) {
            current = null;
            reject(refusal, head);
            return;
        }
        if (accessLog != null) {
            accessLog.serving(state);
        }
        CompletionStage<Response> stage = state.isWebSocketUpgrade() ? app.handleWebSocket(request) : app.handle(request);
        if (Stages.succeeded(stage)) {
            respond(exchange, state, stage.toCompletableFuture().getNow(null));
        } else {
            stage.whenComplete(new Pending(exchange, state));
        }
    }

    /** The response to a request of this connection that completes later. */
    private final class Pending extends PendingResponse {
        private final Exchange exchange;
        private final RequestState state;

        Pending(Exchange exchange, RequestState state) {
            super(loop);
            this.exchange = exchange;
            this.state = state;
        }

        @Override
        protected void respond(Response response) {
            HttpConnectionHandler.this.respond(exchange, state, response);
        }
    }

    private void respond(Exchange exchange, RequestState state, Response response) {
        if (exchange != current || !ctx.channel().isActive()) {
            return;
        }
        exchange.markResponded();
        if (state.isWebSocketUpgrade() && !answerUpgradeOverHttp(response)) {
            endUpgrade(exchange, state, response);
            return;
        }
        boolean secure = facts.secure();
        boolean close = closing || lastRequest || !exchange.keepAlive() || ResponseWriter.asksToClose(response)
            || (!exchange.bodyComplete() && exchange.continueWithheld());
        response = app.responseFinish().apply(response, exchange.head().headers().get(HttpHeaderNames.ACCEPT_ENCODING), secure);
        ResponseValue value = ResponseValue.of(response);
        if (value.streamed() && !exchange.isHead() && ResponseValue.carriesBody(value.status())) {
            respondStreamed(exchange, value, close);
            return;
        }
        ByteBuf message = ResponseWriter.encode(ctx.alloc(), response, exchange.isHead(), exchange.head().protocolVersion(), close);
        if (accessLog != null) {
            accessLog.responded(response, exchange.isHead());
        }
        if (close) {
            closing = true;
            ctx.writeAndFlush(message).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        write(message);
        if (exchange.bodyComplete()) {
            finish(exchange);
        } else {
            readIfWanted();
        }
    }

    /**
     * Writes the head of a response whose body is a file or produced, then its body: a file
     * without copying ({@code sendfile}) on cleartext, otherwise read in chunks off the loop; a
     * produced body as chunks (HTTP/1.1) or until the connection closes (HTTP/1.0). The next
     * request waits until the body ended.
     */
    private void respondStreamed(Exchange exchange, ResponseValue response, boolean close) {
        FileBody file = response.file();
        boolean untilClose = file == null && exchange.head().protocolVersion() == HttpVersion.HTTP_1_0;
        boolean closeAfter = close || untilClose;
        long length = file != null ? file.length() : untilClose ? ResponseWriter.NO_LENGTH : ResponseWriter.CHUNKED;
        if (closeAfter) {
            lastRequest = true;
        }
        if (accessLog != null) {
            accessLog.responded(response, false);
        }
        ctx.write(ResponseWriter.encodeHead(ctx.alloc(), response, length, exchange.head().protocolVersion(), closeAfter));
        if (file != null && !facts.secure()) {
            ctx.writeAndFlush(new DefaultFileRegion(file.path().toFile(), file.offset(), file.length()));
            bodySent(exchange);
            return;
        }
        streaming = new StreamedBody(loop, new Http1Body(ctx, length == ResponseWriter.CHUNKED, () -> bodySent(exchange)));
        streaming.start(file != null ? new FileStreamer(file, app.blockingExecutor()) : response.producer());
        // The head goes out with the first piece when the producer wrote one at once; alone otherwise.
        ctx.flush();
    }

    /** The streamed body of {@code exchange}'s response is all written: the exchange is done once its request body is. */
    private void bodySent(Exchange exchange) {
        streaming = null;
        if (lastRequest) {
            closing = true;
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else if (exchange.bodyComplete()) {
            finish(exchange);
        } else {
            readIfWanted();
        }
    }

    /** Whether the outcome of a WebSocket handshake request is written as a plain HTTP response. */
    private boolean answerUpgradeOverHttp(Response response) {
        int status = response.status();
        return status != 101 && (status == 404 || app.settings().rejectUpgradesWithHttpStatus());
    }

    /**
     * Ends HTTP on this connection after a handshake request: a {@code 101} hands the channel
     * to the route that registered a {@link Takeover}; any other response denies the WebSocket
     * by completing the handshake and closing with 1008 (1011 for a 5xx), its text as reason.
     */
    private void endUpgrade(Exchange exchange, RequestState state, Response response) {
        closing = true;
        current = null;
        if (!inbound.isEmpty()) {
            // The client sent more before the handshake was answered (RFC 6455 §4.1: it must wait).
            LOG.debug("Data before the WebSocket handshake was answered, closing {}", ctx.channel());
            if (accessLog != null) {
                accessLog.webSocketEnded(1006);
            }
            releaseInbound();
            ctx.close();
            return;
        }
        if (response.status() == 101 && state.takeover() != null) {
            Channel channel = ctx.channel();
            state.detachBody();
            ctx.pipeline().remove(this);
            state.takeover().takeOver(channel, exchange.head(), accessLog == null ? 0 : accessLog.handedOver());
            return;
        }
        int code = WebSocketHandshakes.deny(ctx.channel(), exchange.head(), response);
        if (accessLog != null) {
            accessLog.webSocketEnded(code);
        }
    }

    private void write(Object message) {
        if (inReadBatch) {
            ctx.write(message);
            flushPending = true;
        } else {
            ctx.writeAndFlush(message);
        }
    }

    /**
     * Answers a request that cannot be served at all (malformed, too large) and closes the
     * connection: its head was refused ({@code head}), or its body ({@code head} is {@code null},
     * as for a head that never came in time).
     */
    private void reject(HttpException rejection, HttpRequest head) {
        closing = true;
        Response response = rejection.toResponse();
        ByteBuf message = ResponseWriter.encode(ctx.alloc(), response, false, HttpVersion.HTTP_1_1, true);
        if (accessLog != null) {
            accessLog.refused(response, head, ctx.channel());
        }
        ctx.writeAndFlush(message).addListener(ChannelFutureListener.CLOSE);
    }

    /** The exchange is done (responded and body consumed): start the next request or read on. */
    @Override
    public void finish(Exchange exchange) {
        if (exchange != current || streaming != null) {
            return;
        }
        exchange.over();
        current = null;
        if (lastRequest) {
            closing = true;
            ctx.close();
            return;
        }
        process();
        readIfWanted();
    }

    /** Reads from the socket when the connection wants more, and sets the timeout for what it waits for. */
    @Override
    public void readIfWanted() {
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        ServerSettings settings = app.settings();
        if (!ctx.channel().isWritable()) {
            timer.armOnce(ConnectionTimer.Wait.WRITE, settings.writeTimeout().toNanos());
        } else if (!inbound.isEmpty()) {
            timer.disarm();
        } else if (current == null) {
            ctx.read();
            if (decoder.midHead()) {
                timer.armOnce(ConnectionTimer.Wait.HEAD, settings.headerTimeout().toNanos());
            } else {
                timer.arm(ConnectionTimer.Wait.IDLE, settings.idleTimeout().toNanos());
            }
        } else if (current.wantsMore()) {
            ctx.read();
            timer.arm(ConnectionTimer.Wait.BODY, settings.bodyTimeout().toNanos());
        } else {
            if (current.bodyComplete() || current.readsAhead()) {
                // The request in flight waits for the application. Reading on is how every
                // transport notices a client that leaves meanwhile (NIO sees a close only when it
                // reads), it spares two epoll_ctl calls per asynchronous request, and what it can
                // bring is bounded: a little of the body (Exchange.READ_AHEAD), pipelined requests
                // (at most MAX_PIPELINED_REQUESTS), and after an upgrade request nothing at all
                // from a client that waits for the 101 as it must (see endUpgrade).
                ctx.read();
            }
            timer.disarm();
        }
    }

    /** Passes a piece of the current request's body on, unless it is malformed (a bad chunk). */
    private void onContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            content.release();
            failBody(new HttpException(400, "Malformed request body"));
        } else {
            current.onContent(content.content(), content instanceof LastHttpContent);
        }
    }

    /** Ends the current exchange whose body cannot be read: answered with {@code failure} unless it was already answered, then closed. */
    private void failBody(HttpException failure) {
        Exchange exchange = current;
        current = null;
        exchange.abort(failure);
        if (exchange.responded()) {
            closing = true;
            ctx.close();
        } else {
            reject(failure, null);
        }
    }

    /** The timeout for what the connection waited for ran out. */
    private void expired(ConnectionTimer.Wait wait) {
        if (closing) {
            return;
        }
        if (wait == ConnectionTimer.Wait.HEAD && current == null) {
            reject(new HttpException(408, "Request head not received in time"), null);
        } else if (wait == ConnectionTimer.Wait.BODY && current != null) {
            failBody(new HttpException(408, "Request body not received in time"));
        } else if (wait == ConnectionTimer.Wait.WRITE || wait == ConnectionTimer.Wait.IDLE && current == null) {
            closing = true;
            ctx.close();
        }
    }

    @Override
    public void sendContinue() {
        ctx.writeAndFlush(ResponseWriter.continueResponse());
    }

    @Override
    public void stopAfterResponse() {
        if (current != null && current.responded()) {
            closing = true;
            ctx.close();
        } else if (current != null) {
            lastRequest = true;
        }
    }

    private void releaseInbound() {
        HttpObject msg;
        while ((msg = inbound.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
