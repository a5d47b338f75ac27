package io.nettle.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.nettle.http.HttpException;
import io.nettle.http.Response;
import io.nettle.internal.AccessLog;
import io.nettle.internal.RequestState;
import io.nettle.internal.exchange.ConnectionEvent;
import io.nettle.internal.http1.WebSocketHandshakes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection on the wire: takes the channel over from the HTTP handler, completes
 * the handshake when the application accepts, turns frames into messages and back, answers
 * pings and runs the close handshake. All state is confined to the connection's loop; the
 * {@link WebSocket} facade hops there from any thread.
 */
final class WebSocketSession extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketSession.class);

    private final RequestState connection;
    private static final String SEND_BUFFER_FULL = "Client too slow: send buffer full";
    /** Fragments kept as they came; more are copied together (a client sending tiny fragments costs no more than their bytes). */
    private static final int MAX_FRAGMENTS_BEFORE_COPY = 64;
    /** Updates {@link #handedOver} without an {@code AtomicLong} per connection. */
    private static final AtomicLongFieldUpdater<WebSocketSession> HANDED_OVER =
        AtomicLongFieldUpdater.newUpdater(WebSocketSession.class, "handedOver");
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<WebSocketSession, CompletableFuture> CLOSED =
        AtomicReferenceFieldUpdater.newUpdater(WebSocketSession.class, CompletableFuture.class, "closed");
    /** {@link #closed} of every connection that ended before anyone asked. */
    private static final CompletableFuture<Void> ENDED = CompletableFuture.completedFuture(null);
    private final WebSocketOptions options;
    private final WebSocketHandler handler;
    private final WebSocket webSocket;
    private final Inbox inbox = new Inbox();
    /** Created with the first message sent, so that an idle connection does not hold it. */
    private StalledSendGuard sends;
    private ChannelHandlerContext ctx;
    private HttpRequest head;
    private WebSocketState state = WebSocketState.CONNECTING;
    /** The fragments of the message being received, or {@code null} between messages (see {@link #onDataFrame}). */
    private CompositeByteBuf fragments;
    private boolean fragmentsText;
    /** Made when the closing begins (see {@link #closing()}). */
    private CloseHandshake closing;
    private int closeCode = CloseCodes.ABNORMAL_CLOSURE;
    private String closeReason = "";
    private BiConsumer<Integer, String> onClose;
    /**
     * Bytes of sends made on other threads and not yet run on the loop: counted against
     * {@code maxPendingSendBytes} with what the socket holds, so that sends from a thread that
     * outpaces the loop (a broadcast's fan-out) cannot queue tasks without bound.
     */
    private volatile long handedOver;
    /**
     * Completed once the connection ended, after {@link #onClose}; made by the first
     * {@link #closed()} (from any thread), {@link #ENDED} once the connection ended.
     */
    private volatile CompletableFuture<Void> closed;
    private ScheduledFuture<?> handshakeTimer;
    /** The session's access log line in the making; {@code null} when the log is off. */
    private SessionLog accessLog;

    WebSocketSession(RequestState connection, WebSocketOptions options, WebSocketHandler handler) {
        this.connection = connection;
        this.options = options;
        this.handler = handler;
        this.webSocket = new ServerWebSocket(connection, this);
    }

    /** Called by the HTTP handler once it left the pipeline: join it and let the application decide. */
    void takeOver(Channel channel, HttpRequest handshake, long startedNanos) {
        this.head = handshake;
        if (AccessLog.on(connection.app().settings())) {
            accessLog = new SessionLog(connection, startedNanos);
        }
        channel.pipeline().addLast("nettle-ws", this);
        handshakeTimer = ctx.executor().schedule(() -> {
            if (state == WebSocketState.CONNECTING) {
                close(CloseCodes.INTERNAL_ERROR, "Handshake timeout");
            }
        }, options.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            handler.handle(webSocket);
        } catch (Throwable t) {
            fail(t);
        }
        readIfWanted();
    }

    /** Cancels the handshake timer and lets go of it (an idle connection should hold nothing it no longer needs). */
    private void stopHandshakeTimer() {
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
            handshakeTimer = null;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** The closing handshake, made when the WebSocket starts to close: an open connection holds none. */
    private CloseHandshake closing() {
        if (closing == null) {
            closing = new CloseHandshake(ctx, this::disconnected, this::readIfWanted);
        }
        return closing;
    }

    /** Whether this side sent (or decided on) its close: nothing more is delivered or sent. */
    private boolean closeSent() {
        return closing != null && closing.sent();
    }

    /** Runs {@code action} on the loop; its stage completes there. */
    <T> CompletionStage<T> onLoop(java.util.function.Supplier<CompletionStage<T>> action) {
        if (connection.loop().inLoop()) {
            return guarded(action);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        connection.loop().execute(() -> guarded(action).whenComplete((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        }));
        return result;
    }

    private static <T> CompletionStage<T> guarded(java.util.function.Supplier<CompletionStage<T>> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    WebSocketState state() {
        return state;
    }

    int closeCode() {
        return closeCode;
    }

    String closeReason() {
        return closeReason;
    }

    /** The next message of {@code type}; taking one makes room to read again. */
    <T> CompletionStage<T> receive(Class<T> type) {
        return inbox.receive(type).thenApply(message -> {
            readIfWanted();
            return type.cast(message);
        });
    }

    void onText(java.util.function.Consumer<String> callback) {
        inbox.onText(callback);
        readIfWanted();
    }

    void onBinary(java.util.function.Consumer<byte[]> callback) {
        inbox.onBinary(callback);
        readIfWanted();
    }

    void onClose(BiConsumer<Integer, String> listener) {
        this.onClose = listener;
        if (state == WebSocketState.CLOSED) {
            listener.accept(closeCode, closeReason);
        }
    }

    /**
     * Completes the handshake with {@code subprotocol} (may be {@code null}) and extra response
     * headers. Fails with {@link WebSocketDisconnect} when the client left before.
     */
    CompletionStage<Void> accept(String subprotocol, Map<String, String> headers) {
        if (state == WebSocketState.CLOSED && closeCode == CloseCodes.ABNORMAL_CLOSURE) {
            return CompletableFuture.failedFuture(new WebSocketDisconnect(closeCode, closeReason));
        }
        if (state != WebSocketState.CONNECTING) {
            throw new IllegalStateException("accept() is only possible while CONNECTING, the WebSocket is " + state);
        }
        if (subprotocol != null && !webSocket.requestedSubprotocols().contains(subprotocol)) {
            throw new IllegalArgumentException("subprotocol '" + subprotocol + "' was not offered by the client: "
                + webSocket.requestedSubprotocols());
        }
        stopHandshakeTimer();
        ChannelFuture handshake = WebSocketPipeline.upgrade(ctx, head, subprotocol, headers, options);
        state = WebSocketState.CONNECTED;
        head = null;
        connection.compact();
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        handshake.addListener(done -> {
            if (done.isSuccess()) {
                accepted.complete(null);
                readIfWanted();
            } else {
                if (accessLog != null && done.cause() instanceof HttpException refused) {
                    accessLog.answeredOverHttp(refused.toResponse());
                }
                disconnected(CloseCodes.ABNORMAL_CLOSURE, "Handshake failed");
                accepted.completeExceptionally(new WebSocketDisconnect(CloseCodes.ABNORMAL_CLOSURE, "Handshake failed"));
            }
        });
        return accepted;
    }

    /** Sends a text message, encoded straight into a pooled buffer. Call it on the loop. */
    CompletionStage<Void> sendText(String text) {
        return send(new TextWebSocketFrame(ByteBufUtil.writeUtf8(ctx.alloc(), text)));
    }

    /**
     * Runs {@code send} (of about {@code bytes}) on the loop, from any thread. From another
     * thread it is refused at once, and the connection closed with 1008, when it would take the
     * sends waiting beyond {@code maxPendingSendBytes}.
     */
    CompletionStage<Void> sendFromAnyThread(long bytes, java.util.function.Supplier<CompletionStage<Void>> send) {
        if (connection.loop().inLoop()) {
            return guarded(send);
        }
        if (HANDED_OVER.addAndGet(this, bytes) > options.maxPendingSendBytes()) {
            HANDED_OVER.addAndGet(this, -bytes);
            connection.loop().execute(this::sendBufferFull);
            return CompletableFuture.failedFuture(new WebSocketDisconnect(CloseCodes.POLICY_VIOLATION, SEND_BUFFER_FULL));
        }
        return onLoop(() -> {
            HANDED_OVER.addAndGet(this, -bytes);
            return send.get();
        });
    }

    private void sendBufferFull() {
        if (state == WebSocketState.CONNECTED && !closeSent()) {
            close(CloseCodes.POLICY_VIOLATION, SEND_BUFFER_FULL);
        }
    }

    /** Writes one data frame; fails when not connected or when the peer does not read. */
    CompletionStage<Void> send(WebSocketFrame frame) {
        if (state != WebSocketState.CONNECTED || closeSent()) {
            frame.release();
            return CompletableFuture.failedFuture(state == WebSocketState.CONNECTING
                ? new IllegalStateException("accept() the WebSocket before sending")
                : new WebSocketDisconnect(closeCode, closeReason));
        }
        ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
        if (buffer != null && buffer.totalPendingWriteBytes() + handedOver + frame.content().readableBytes() > options.maxPendingSendBytes()) {
            frame.release();
            close(CloseCodes.POLICY_VIOLATION, SEND_BUFFER_FULL);
            return CompletableFuture.failedFuture(new WebSocketDisconnect(closeCode, closeReason));
        }
        if (sends == null) {
            sends = new StalledSendGuard(ctx.executor(), connection.app().settings().writeTimeout().toNanos(), this::stalled);
        }
        if (accessLog != null && !(frame instanceof PongWebSocketFrame)) {
            accessLog.message(frame.content().readableBytes());
        }
        Written written = new Written();
        sends.started();
        ctx.writeAndFlush(frame).addListener(written);
        return written;
    }

    /** The peer read none of the pending sends for the server's write timeout: it is let go. */
    private void stalled() {
        LOG.debug("WebSocket peer stopped reading, closing {}", ctx.channel());
        disconnected(CloseCodes.ABNORMAL_CLOSURE, "Write timeout: the client stopped reading");
        ctx.close();
    }

    /** The stage of one send, completed by the write's outcome: one object per message. */
    private final class Written extends CompletableFuture<Void> implements ChannelFutureListener {
        @Override
        public void operationComplete(ChannelFuture done) {
            sends.finished();
            if (done.isSuccess()) {
                complete(null);
            } else {
                completeExceptionally(new WebSocketDisconnect(closeCode, "Connection lost"));
            }
        }
    }

    /**
     * Closes with {@code code}: before acceptance this denies the connection (handshake then
     * close frame, or an HTTP status when the server rejects upgrades over HTTP); after, it
     * starts the close handshake. Closing twice does nothing.
     */
    void close(int code, String reason) {
        String text = WebSocketHandshakes.truncate(reason);
        if (state == WebSocketState.CONNECTING) {
            stopHandshakeTimer();
            closing().markSent();
            Response answer = WebSocketHandshakes.deny(ctx.channel(), head, connection.app().settings().rejectUpgradesWithHttpStatus(), code, text);
            if (accessLog != null && answer != null) {
                accessLog.answeredOverHttp(answer);
            }
            disconnected(code, text);
        } else if (state == WebSocketState.CONNECTED) {
            closing().close(code, text);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (state == WebSocketState.CONNECTING) {
                if (isClientData(msg)) {
                    // Read only to notice a client that leaves: it must wait for the 101 (RFC 6455 §4.1).
                    LOG.debug("Data before the WebSocket handshake was answered, closing {}", ctx.channel());
                    ctx.close();
                }
            } else if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                || msg instanceof ContinuationWebSocketFrame) {
                onDataFrame((WebSocketFrame) msg);
            } else if (msg instanceof PingWebSocketFrame ping) {
                send(new PongWebSocketFrame(ping.content().retain()));
            } else if (msg instanceof CloseWebSocketFrame frame) {
                closing().onPeerClose(frame);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * Whether a message read while the handshake is undecided is something the client sent after
     * its handshake request, rather than the end of that request (an empty last content) or the
     * request itself passed along again for the compression handler.
     */
    private boolean isClientData(Object msg) {
        if (msg == head) {
            return false;
        }
        return !(msg instanceof HttpContent content) || content.content().isReadable() || content.decoderResult().isFailure();
    }

    /**
     * A data frame: a whole message, or a fragment of one (RFC 6455 §5.4), kept until the last
     * fragment and no further than {@code maxMessageSize} (beyond: 1009). The frame decoder has
     * checked the order of the fragments.
     */
    private void onDataFrame(WebSocketFrame frame) {
        if (!(frame instanceof ContinuationWebSocketFrame)) {
            if (frame.isFinalFragment()) {
                onMessage(frame instanceof TextWebSocketFrame, frame.content());
                return;
            }
            fragments = ctx.alloc().compositeBuffer(MAX_FRAGMENTS_BEFORE_COPY);
            fragmentsText = frame instanceof TextWebSocketFrame;
        } else if (fragments == null) {
            return; // the rest of a message that was too big
        }
        fragments.addComponent(true, frame.content().retain());
        if (fragments.readableBytes() > options.maxMessageSize()) {
            dropFragments();
            closing().violation(CloseCodes.MESSAGE_TOO_BIG, "Message too big");
        } else if (frame.isFinalFragment()) {
            ByteBuf whole = fragments;
            fragments = null;
            try {
                onMessage(fragmentsText, whole);
            } finally {
                whole.release();
            }
        }
    }

    /** A whole message: a text one is checked to be UTF-8 in one pass (RFC 6455 §8.1), then decoded. */
    private void onMessage(boolean text, ByteBuf content) {
        if (accessLog != null && !closeSent()) {
            accessLog.message(content.readableBytes());
        }
        if (!text) {
            deliver(ByteBufUtil.getBytes(content));
        } else if (ByteBufUtil.isText(content, StandardCharsets.UTF_8)) {
            deliver(content.toString(StandardCharsets.UTF_8));
        } else {
            closing().violation(CloseCodes.INVALID_PAYLOAD, "Invalid UTF-8 in a text message");
        }
    }

    private void dropFragments() {
        if (fragments != null) {
            fragments.release();
            fragments = null;
        }
    }

    private void deliver(Object message) {
        if (closeSent()) {
            return;
        }
        try {
            inbox.deliver(message);
        } catch (Throwable t) {
            fail(t);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        readIfWanted();
    }

    /**
     * Reads while messages are wanted, and while the application decides on the handshake: a
     * client must send nothing then, so reading only notices one that leaves (NIO sees a close
     * only when it reads).
     */
    private void readIfWanted() {
        if (ctx.channel().isActive() && (state != WebSocketState.CLOSED || closeSent())
            && inbox.queuedCount() < options.maxQueuedMessages()) {
            ctx.read();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            close(CloseCodes.GOING_AWAY, "Idle timeout");
        } else if (event == ConnectionEvent.DRAIN) {
            close(CloseCodes.GOING_AWAY, "Server shutting down");
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            closing().violation(corrupted.closeStatus().code(), corrupted.getMessage());
        } else if (cause instanceof TooLongFrameException) {
            closing().violation(CloseCodes.MESSAGE_TOO_BIG, "Message too big");
        } else {
            LOG.debug("WebSocket connection error, closing {}", ctx.channel(), cause);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopHandshakeTimer();
        dropFragments();
        if (sends != null) {
            sends.stop();
        }
        disconnected(closeSent() ? closeCode : CloseCodes.ABNORMAL_CLOSURE, closeSent() ? closeReason : "Connection lost");
        ctx.fireChannelInactive();
    }

    /** An exception from the application: logged once, connection closed with 1011. */
    void fail(Throwable t) {
        LOG.error("WebSocket endpoint failed on {}", connection.url().rawPath(), t);
        close(CloseCodes.INTERNAL_ERROR, "Internal Server Error");
    }

    private void disconnected(int code, String reason) {
        if (state == WebSocketState.CLOSED) {
            return;
        }
        state = WebSocketState.CLOSED;
        closeCode = code;
        closeReason = reason == null ? "" : reason;
        inbox.close(new WebSocketDisconnect(code, closeReason));
        if (accessLog != null) {
            accessLog.closed(code);
            accessLog = null;
        }
        if (onClose != null) {
            try {
                onClose.accept(code, closeReason);
            } catch (Throwable t) {
                LOG.error("WebSocket onClose callback failed", t);
            }
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<Void> waiting = CLOSED.getAndSet(this, ENDED);
        if (waiting != null) {
            waiting.complete(null);
        }
    }

    CompletionStage<Void> closed() {
        CompletableFuture<Void> current = closed;
        while (current == null) {
            CLOSED.compareAndSet(this, null, new CompletableFuture<Void>());
            current = closed;
        }
        return current.minimalCompletionStage();
    }
}
