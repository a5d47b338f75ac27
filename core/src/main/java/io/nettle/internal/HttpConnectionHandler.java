package io.nettle.internal;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.nettle.http.HttpException;
import io.nettle.http.Request;
import io.nettle.http.Response;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one bridge between Netty and the application, one instance per connection. It takes the
 * decoded request heads and bodies, runs each request through the app, and writes the responses
 * in request order (HTTP/1.1 pipelining) with keep-alive.
 *
 * <p>Reading is explicit (auto-read is off): the socket is read only while no request is in
 * flight, or while the one in flight wants its body. So a request whose authentication or
 * endpoint is still working reads nothing more, and pipelined requests wait in the socket
 * rather than in memory. Every {@code ByteBuf} is released here: bodies are copied out into
 * arrays as they arrive, and responses wrap arrays.
 */
public final class HttpConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(HttpConnectionHandler.class);
    /** User event that asks the connection to finish its current request and close: the server is stopping. */
    public static final Object DRAIN = new Object();

    private final AppRuntime app;
    private final ConnectionLoop loop;
    private final ArrayDeque<HttpObject> inbound = new ArrayDeque<>(4);
    private ChannelHandlerContext ctx;
    private ChannelAddresses addresses;
    private Exchange current;
    private boolean processing;
    private boolean inReadBatch;
    private boolean flushPending;
    private boolean closing;
    /** No further request is served on this connection: the server is stopping or the body was refused. */
    private boolean lastRequest;

    public HttpConnectionHandler(AppRuntime app, ConnectionLoop loop) {
        this.app = app;
        this.loop = loop;
    }

    ConnectionLoop loop() {
        return loop;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        inReadBatch = true;
        if (closing || !(msg instanceof HttpObject object)) {
            ReferenceCountUtil.release(msg);
            return;
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
        releaseInbound();
        if (current != null) {
            current.abort();
            current = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent || event == DRAIN) {
            lastRequest |= event == DRAIN;
            if (current == null) {
                closing = true;
                ctx.close();
            }
            ReferenceCountUtil.release(event);
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

    /** Works through the queued messages until one has to wait for the request in flight. */
    private void process() {
        if (processing) {
            return;
        }
        processing = true;
        try {
            while (!inbound.isEmpty() && !closing) {
                HttpObject msg = inbound.peek();
                if (current == null) {
                    inbound.poll();
                    if (msg instanceof HttpRequest head) {
                        start(head);
                    }
                    if (msg instanceof HttpContent content) {
                        if (current != null) {
                            current.onContent(content);
                        } else {
                            content.release();
                        }
                    }
                } else if (msg instanceof HttpContent content) {
                    inbound.poll();
                    current.onContent(content);
                } else {
                    break;
                }
            }
        } finally {
            processing = false;
        }
        if (closing) {
            releaseInbound();
        }
    }

    private void start(HttpRequest head) {
        HttpException rejection = Preflight.check(head, app.settings());
        if (rejection != null) {
            reject(rejection);
            return;
        }
        Exchange exchange = new Exchange(this, head, HttpUtil.isKeepAlive(head) && !lastRequest, app.settings().maxBodySize());
        current = exchange;
        if (addresses == null) {
            addresses = ChannelAddresses.of(ctx.channel());
        }
        ConnectionState state = new ConnectionState(head, app, loop, false, addresses.client(),
            addresses.localHost(), addresses.localPort(), exchange);
        Request request = new Request(state);
        CompletionStage<Response> stage = state.isWebSocketUpgrade() ? app.handleWebSocket(request) : app.handle(request);
        if (Stages.succeeded(stage)) {
            respond(exchange, state, stage.toCompletableFuture().getNow(null));
        } else {
            stage.whenComplete((response, failure) -> loop.run(() -> respond(exchange, state, response)));
        }
    }

    private void respond(Exchange exchange, ConnectionState state, Response response) {
        if (exchange != current || !ctx.channel().isActive()) {
            return;
        }
        if (response == null) {
            response = Response.text("Internal Server Error").withStatus(500);
        }
        exchange.markResponded();
        if (state.isWebSocketUpgrade() && !answerUpgradeOverHttp(response)) {
            endUpgrade(exchange, state, response);
            return;
        }
        boolean close = closing || lastRequest || !exchange.keepAlive() || ResponseWriter.asksToClose(response)
            || (!exchange.bodyComplete() && exchange.continueWithheld());
        DefaultFullHttpResponse message = ResponseWriter.toNetty(response, exchange.isHead(), exchange.head().protocolVersion(), close);
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
    private void endUpgrade(Exchange exchange, ConnectionState state, Response response) {
        closing = true;
        current = null;
        releaseInbound();
        if (response.status() == 101 && state.takeover() != null) {
            io.netty.channel.Channel channel = ctx.channel();
            ctx.pipeline().remove("idle");
            ctx.pipeline().remove(this);
            state.takeover().takeOver(channel, exchange.head());
            return;
        }
        int code = response.status() >= 500 || response.status() == 101 ? 1011 : 1008;
        String reason = response.headers().get("Content-Type").orElse("").startsWith("text/plain")
            ? response.bodyText() : io.nettle.http.Status.reasonPhrase(response.status());
        WebSocketHandshakes.closeAfterHandshake(ctx.channel(), exchange.head(), code, reason);
    }

    private void write(Object message) {
        if (inReadBatch) {
            ctx.write(message);
            flushPending = true;
        } else {
            ctx.writeAndFlush(message);
        }
    }

    /** Answers a request that cannot be served at all (malformed, too large) and closes the connection. */
    private void reject(HttpException rejection) {
        closing = true;
        DefaultFullHttpResponse message = ResponseWriter.toNetty(rejection.toResponse(), false, HttpVersion.HTTP_1_1, true);
        ctx.writeAndFlush(message).addListener(ChannelFutureListener.CLOSE);
    }

    /** The exchange is done (responded and body consumed): start the next request or read on. */
    void finish(Exchange exchange) {
        if (exchange != current) {
            return;
        }
        current = null;
        if (lastRequest) {
            closing = true;
            ctx.close();
            return;
        }
        process();
        readIfWanted();
    }

    void readIfWanted() {
        if (closing || !inbound.isEmpty() || !ctx.channel().isActive()) {
            return;
        }
        if (current == null || current.wantsMore()) {
            ctx.read();
        }
    }

    void sendContinue() {
        ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
    }

    void closeAfterResponse() {
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
