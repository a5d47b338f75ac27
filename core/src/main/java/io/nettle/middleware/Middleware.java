package io.nettle.middleware;

import io.nettle.http.Request;
import io.nettle.http.Response;
import java.util.concurrent.CompletionStage;

/**
 * Wraps the rest of the application: it may look at or change the request's attributes, answer
 * on its own (short-circuit) or change the response that {@code next} produces.
 * <pre>{@code
 * Middleware timing = (request, next) -> {
 *     long start = System.nanoTime();
 *     return next.handle(request).thenApply(response ->
 *         response.withHeader("Server-Timing", "app;dur=" + (System.nanoTime() - start) / 1_000_000));
 * };
 * }</pre>
 * Middleware is given to {@code App.Builder.middleware(...)} in order, the first being the
 * outermost. It runs for every HTTP request, before routing, so it also sees requests that end
 * in a 404. Continuations run on the thread that completed the stage, which is the connection's
 * event loop for everything Nettle completes itself; never block in them.
 */
@FunctionalInterface
public interface Middleware {

    /** Handles {@code request}, calling {@code next} (at most once) to continue the chain. */
    CompletionStage<Response> handle(Request request, Next next) throws Exception;
}
