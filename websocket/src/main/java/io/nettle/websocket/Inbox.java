package io.nettle.websocket;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Received messages ({@code String} for text, {@code byte[]} for binary) on their way to the
 * application: handed to a callback when one is registered for their kind, else to the oldest
 * waiting receiver, else queued (the session stops reading while the queue is full).
 * Confined to the connection's loop.
 */
final class Inbox {
    private record Receiver(Class<?> type, CompletableFuture<Object> future) {
    }

    /** Made on first use: most connections only ever use callbacks, or only pull. */
    private ArrayDeque<Object> queued;
    private ArrayDeque<Receiver> receivers;
    private Consumer<String> onText;
    private Consumer<byte[]> onBinary;
    private WebSocketDisconnect closed;

    int queuedCount() {
        return queued == null ? 0 : queued.size();
    }

    void onText(Consumer<String> callback) {
        onText = callback;
        flushToCallbacks();
    }

    void onBinary(Consumer<byte[]> callback) {
        onBinary = callback;
        flushToCallbacks();
    }

    /** Delivers one message; a callback's exception propagates to the caller. */
    void deliver(Object message) {
        if (message instanceof String text && onText != null) {
            onText.accept(text);
        } else if (message instanceof byte[] bytes && onBinary != null) {
            onBinary.accept(bytes);
        } else if (receivers != null && !receivers.isEmpty()) {
            complete(receivers.poll(), message);
        } else {
            if (queued == null) {
                queued = new ArrayDeque<>(4);
            }
            queued.add(message);
        }
    }

    /** The next message of {@code type} ({@code String} or {@code byte[]}). */
    CompletionStage<Object> receive(Class<?> type) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        Receiver receiver = new Receiver(type, future);
        if (queuedCount() > 0) {
            complete(receiver, queued.poll());
        } else if (closed != null) {
            future.completeExceptionally(closed);
        } else {
            if (receivers == null) {
                receivers = new ArrayDeque<>(2);
            }
            receivers.add(receiver);
        }
        return future;
    }

    /** The connection is closed: waiting and later receivers fail with {@code disconnect}. */
    void close(WebSocketDisconnect disconnect) {
        closed = disconnect;
        Receiver receiver;
        while (receivers != null && (receiver = receivers.poll()) != null) {
            receiver.future().completeExceptionally(disconnect);
        }
    }

    private void flushToCallbacks() {
        int n = queuedCount();
        for (int i = 0; i < n; i++) {
            Object message = queued.poll();
            deliver(message);
        }
    }

    private static void complete(Receiver receiver, Object message) {
        if (receiver.type().isInstance(message)) {
            receiver.future().complete(message);
        } else {
            receiver.future().completeExceptionally(new IllegalStateException("expected a "
                + (receiver.type() == String.class ? "text" : "binary") + " message but received a "
                + (message instanceof String ? "text" : "binary") + " one"));
        }
    }
}
