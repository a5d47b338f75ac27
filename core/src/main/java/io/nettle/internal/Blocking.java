package io.nettle.internal;

import io.nettle.http.Connection;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs blocking work for a connection on its App's bounded worker pool and hands the outcome
 * back to the connection's own event loop, so that whatever continues from the returned stage
 * runs there, never on a worker thread.
 */
public final class Blocking {
    private Blocking() {
    }

    /**
     * The outcome of {@code work}, completed on {@code connection}'s event loop.
     *
     * @throws RejectedExecutionException when the pool and its queue are full
     */
    public static <T> CompletableFuture<T> offload(Connection connection, Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        connection.app().blockingExecutor().execute(() -> {
            T value;
            try {
                value = work.call();
            } catch (Throwable t) {
                connection.executor().execute(() -> result.completeExceptionally(t));
                return;
            }
            connection.executor().execute(() -> result.complete(value));
        });
        return result;
    }
}
