package io.nettle.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.nettle.internal.http1.WebSocketHandshakes;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The closing handshake of one WebSocket (RFC 6455 §5.5.1, §7): this side's close, the peer's
 * close (checked, then echoed), and the close after a protocol violation. Whoever closes first,
 * the connection ends once the other side answered, or {@link #CLOSE_HANDSHAKE_MILLIS} after
 * this side's close frame. Confined to the connection's loop.
 */
final class CloseHandshake {
    /** How long the peer has to answer this side's close frame before the connection is dropped. */
    static final long CLOSE_HANDSHAKE_MILLIS = 2000;

    private final ChannelHandlerContext ctx;
    /** Told the code and reason once the WebSocket is closed, whoever closed it. */
    private final BiConsumer<Integer, String> closed;
    /** Asks the session to read on, so that the peer's answer (or its leaving) is seen. */
    private final Runnable readOn;
    private boolean sent;

    CloseHandshake(ChannelHandlerContext ctx, BiConsumer<Integer, String> closed, Runnable readOn) {
        this.ctx = ctx;
        this.closed = closed;
        this.readOn = readOn;
    }

    /** Whether this side sent (or decided on) its close: nothing more is delivered or sent. */
    boolean sent() {
        return sent;
    }

    /** The connection is closed without a close frame (a denied handshake): nothing more to send. */
    void markSent() {
        sent = true;
    }

    /** This side closes with {@code code}: the close frame, then the peer's answer is awaited. */
    void close(int code, String reason) {
        if (sent) {
            return;
        }
        sent = true;
        ctx.writeAndFlush(new CloseWebSocketFrame(code, reason));
        dropLater();
        closed.accept(code, reason);
        readOn.run();
    }

    /**
     * The peer's close frame: the answer to this side's close, or the peer's own, whose body is
     * checked (empty, or a code a peer may send and a UTF-8 reason) and then echoed.
     */
    void onPeerClose(CloseWebSocketFrame frame) {
        if (sent) {
            ctx.close();
            return;
        }
        int length = frame.content().readableBytes();
        int code = frame.statusCode() < 0 ? CloseCodes.NO_STATUS_RECEIVED : frame.statusCode();
        if (length == 1 || length >= 2 && !CloseCodes.isSendable(code)) {
            violation(CloseCodes.PROTOCOL_ERROR, "Invalid close code");
        } else if (length > 2 && !isUtf8(frame.content(), 2)) {
            violation(CloseCodes.INVALID_PAYLOAD, "Invalid UTF-8 in close reason");
        } else {
            sent = true;
            int echo = code == CloseCodes.NO_STATUS_RECEIVED ? CloseCodes.NORMAL_CLOSURE : code;
            closed.accept(code, frame.reasonText());
            ctx.writeAndFlush(new CloseWebSocketFrame(echo, "")).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * The peer broke the protocol: the close frame with {@code code}, then the end of this side's
     * output, so that the peer reads the frame and the end of the stream rather than a reset.
     * The connection keeps reading (and dropping) what the peer still sends until the peer
     * closes, or {@link #CLOSE_HANDSHAKE_MILLIS} pass. Closing at once would reset the connection
     * whenever the peer's data is still unread, and a reset can take the close frame with it.
     */
    void violation(int code, String message) {
        if (!sent && ctx.channel().isActive()) {
            sent = true;
            ctx.writeAndFlush(new CloseWebSocketFrame(code, WebSocketHandshakes.truncate(message)))
                .addListener((ChannelFutureListener) this::violationFrameWritten);
        }
        closed.accept(code, message);
    }

    private void violationFrameWritten(ChannelFuture written) {
        if (!written.isSuccess() || !(ctx.channel() instanceof DuplexChannel duplex)) {
            ctx.close();
            return;
        }
        duplex.shutdownOutput();
        dropLater();
        readOn.run();
    }

    private void dropLater() {
        ctx.executor().schedule(() -> ctx.close(), CLOSE_HANDSHAKE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Whether the bytes of {@code body} after its first {@code from} are well-formed UTF-8. */
    private static boolean isUtf8(ByteBuf body, int from) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(body.nioBuffer(body.readerIndex() + from, body.readableBytes() - from));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
