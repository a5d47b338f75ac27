package io.nettle.internal;

import java.util.concurrent.CompletionStage;

/** Where a request's body comes from: read on demand from the connection, once. */
public interface BodySource {

    /** The whole body; the first call starts reading it, later calls get the same stage. */
    CompletionStage<byte[]> read();

    /**
     * Whether the request was abandoned (its connection closed or failed before the response):
     * whatever is still working for it may stop. Default: never.
     */
    default boolean abandoned() {
        return false;
    }

    /** A body that is already complete. */
    static BodySource of(byte[] body) {
        CompletionStage<byte[]> done = java.util.concurrent.CompletableFuture.completedFuture(body);
        return () -> done;
    }
}
