package io.nettle.internal.exchange;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A request body handed to a consumer piece by piece, each piece once the consumer's stage for
 * the previous one completed; meanwhile the connection reads no more of it (its {@link Exchange}
 * does not want more), so a slow consumer slows the client down instead of filling memory.
 * Confined to the connection's loop.
 */
final class BodyStream {
    private final ExchangeOwner owner;
    private final Function<byte[], CompletionStage<Void>> consumer;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    /** Pieces read but not consumed yet: what one read of the socket brought, at most. */
    private final ArrayDeque<byte[]> pieces = new ArrayDeque<>();
    private boolean ended;
    private boolean consuming;

    BodyStream(ExchangeOwner owner, Function<byte[], CompletionStage<Void>> consumer) {
        this.owner = owner;
        this.consumer = consumer;
    }

    /** Completes once the last piece was consumed; fails when the body cannot be read or the consumer failed. */
    CompletableFuture<Void> done() {
        return done;
    }

    /** Whether a piece is being consumed or waits to be. */
    boolean busy() {
        return consuming || !pieces.isEmpty();
    }

    /** Takes a piece of the body. */
    void offer(byte[] piece) {
        pieces.add(piece);
        drain();
    }

    /** The body ended: the stream completes once the pieces are consumed. */
    void end() {
        ended = true;
        drain();
    }

    /** The body cannot be read to its end. */
    void fail(Throwable failure) {
        pieces.clear();
        done.completeExceptionally(failure);
    }

    private void drain() {
        if (consuming || done.isDone()) {
            return;
        }
        byte[] piece = pieces.poll();
        if (piece == null) {
            if (ended) {
                done.complete(null);
            }
            return;
        }
        consuming = true;
        CompletionStage<Void> consumed;
        try {
            consumed = consumer.apply(piece);
        } catch (RuntimeException e) {
            consumed = CompletableFuture.failedFuture(e);
        }
        consumed.whenComplete((ok, failure) -> owner.loop().run(() -> {
            consuming = false;
            if (failure != null) {
                fail(failure);
            } else {
                drain();
                owner.readIfWanted();
            }
        }));
    }
}
