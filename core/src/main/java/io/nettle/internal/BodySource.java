package io.nettle.internal;

import java.util.concurrent.CompletionStage;

/** Where a request's body comes from: read on demand from the connection, once. */
public interface BodySource {

    /** The whole body; the first call starts reading it, later calls get the same stage. */
    CompletionStage<byte[]> read();

    /**
     * Hands the body to {@code consumer} piece by piece, the next piece once the stage for the
     * previous one completed (the connection reads no more meanwhile); the returned stage
     * completes after the last piece, or fails as {@link #read()} would. Either this or
     * {@link #read()}, once. Default: the whole body as one piece.
     */
    default CompletionStage<Void> stream(java.util.function.Function<byte[], CompletionStage<Void>> consumer) {
        return read().thenCompose(consumer);
    }

    /**
     * Whether the request was abandoned (its connection closed or failed before the response):
     * whatever is still working for it may stop. Default: never.
     */
    default boolean abandoned() {
        return false;
    }

    /**
     * Runs {@code task} once the exchange is over: its response sent and its body read, or the
     * connection gone. For what lives as long as the request (temporary files). Default: a body
     * that was never read from a connection holds nothing, and the task does not run.
     */
    default void whenDone(Runnable task) {
    }

    /** An empty body, already complete. */
    BodySource EMPTY = of(new byte[0]);

    /** A body that is already complete. */
    static BodySource of(byte[] body) {
        CompletionStage<byte[]> done = java.util.concurrent.CompletableFuture.completedFuture(body);
        return () -> done;
    }
}
