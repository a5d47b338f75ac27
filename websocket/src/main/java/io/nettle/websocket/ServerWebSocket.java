package io.nettle.websocket;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.nettle.internal.ConnectionBase;
import io.nettle.internal.RequestState;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** The {@link WebSocket} of one connection: the facade over its {@link WebSocketSession}, callable from any thread. */
final class ServerWebSocket extends ConnectionBase implements WebSocket {
    private final WebSocketSession session;

    ServerWebSocket(RequestState state, WebSocketSession session) {
        super(state);
        this.session = session;
    }

    @Override
    public CompletionStage<Void> accept(String subprotocol, Map<String, String> headers) {
        Objects.requireNonNull(headers, "headers");
        return session.onLoop(() -> session.accept(subprotocol, headers));
    }

    @Override
    public CompletionStage<Void> sendText(String text) {
        Objects.requireNonNull(text, "text");
        // Its length in chars: at most its UTF-8 size, known exactly once it is encoded on the loop.
        return session.sendFromAnyThread(text.length(), () -> session.sendText(text));
    }

    @Override
    public CompletionStage<Void> sendBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        byte[] copy = bytes.clone();
        return session.sendFromAnyThread(copy.length, () -> session.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(copy))));
    }

    @Override
    public CompletionStage<String> receiveText() {
        return receive(String.class);
    }

    @Override
    public CompletionStage<byte[]> receiveBytes() {
        return receive(byte[].class);
    }

    private <T> CompletionStage<T> receive(Class<T> type) {
        return session.onLoop(() -> session.receive(type));
    }

    @Override
    public void onText(Consumer<String> callback) {
        Objects.requireNonNull(callback, "callback");
        session.onLoop(() -> {
            session.onText(callback);
            return CompletableFuture.completedFuture(null);
        });
    }

    @Override
    public void onBinary(Consumer<byte[]> callback) {
        Objects.requireNonNull(callback, "callback");
        session.onLoop(() -> {
            session.onBinary(callback);
            return CompletableFuture.completedFuture(null);
        });
    }

    @Override
    public void onClose(BiConsumer<Integer, String> callback) {
        Objects.requireNonNull(callback, "callback");
        session.onLoop(() -> {
            session.onClose(callback);
            return CompletableFuture.completedFuture(null);
        });
    }

    @Override
    public void close(int code, String reason) {
        if (!CloseCodes.isSendable(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent");
        }
        session.onLoop(() -> {
            session.close(code, reason == null ? "" : reason);
            return CompletableFuture.completedFuture(null);
        });
    }

    @Override
    public CompletionStage<Void> closed() {
        return session.closed();
    }

    @Override
    public WebSocketState state() {
        return session.state();
    }

    @Override
    public Optional<Integer> closeCode() {
        return session.state() == WebSocketState.CLOSED ? Optional.of(session.closeCode()) : Optional.empty();
    }

    @Override
    public Optional<String> closeReason() {
        return session.state() == WebSocketState.CLOSED ? Optional.of(session.closeReason()) : Optional.empty();
    }

    @Override
    public String toString() {
        return "WebSocket " + url().pathAndQuery() + " " + session.state();
    }
}
