package io.nettle.internal;

import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.middleware.Next;
import io.nettle.routing.Endpoint;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/** Small helpers for {@link CompletionStage}s of responses that avoid work on the already-completed fast path. */
public final class Stages {
    private Stages() {
    }

    /** Calls {@code endpoint}, turning a throw or a {@code null} into a failed stage. */
    public static CompletionStage<Response> call(Endpoint endpoint, Request request) {
        try {
            return nonNull(endpoint.handle(request));
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    /** Calls {@code next}, turning a throw or a {@code null} into a failed stage. */
    public static CompletionStage<Response> call(Next next, Request request) {
        try {
            return nonNull(next.handle(request));
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    private static CompletionStage<Response> nonNull(CompletionStage<Response> stage) {
        return stage != null ? stage : CompletableFuture.failedFuture(
            new NullPointerException("a handler returned null instead of a CompletionStage"));
    }

    /** An endpoint seen as the end of a middleware chain. */
    public static Next asNext(Endpoint endpoint) {
        return request -> call(endpoint, request);
    }

    /** Whether {@code stage} is already completed successfully (the fast path: no continuation needed). */
    public static boolean succeeded(CompletionStage<?> stage) {
        return stage instanceof CompletableFuture<?> future && future.isDone() && !future.isCompletedExceptionally();
    }

    /**
     * {@code stage}, or on failure the stage {@code recovery} gives for the cause. One dependent
     * stage on the success path: this runs once per asynchronous request.
     */
    public static CompletionStage<Response> recover(CompletionStage<Response> stage,
                                                    Function<Throwable, CompletionStage<Response>> recovery) {
        if (succeeded(stage)) {
            return stage;
        }
        return stage.exceptionallyCompose(failure -> recovery.apply(unwrap(failure)));
    }

    /** The cause inside {@link CompletionException} and {@link ExecutionException} wrappers. */
    public static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
