package io.nettle.middleware;

import io.nettle.http.Request;
import io.nettle.http.Response;
import java.util.List;
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
 *
 * <p><b>WebSocket handshakes</b> go through {@link #handleWebSocket} instead, which passes them
 * on untouched unless a middleware overrides it. Connection-level middleware (authentication,
 * origin checks) overrides both. There, answering with a response instead of calling
 * {@code next} denies the WebSocket: by default the handshake is completed and the connection
 * closed at once with code 1008 (policy violation; 1011 for a 5xx status), the response's
 * text as the reason, because browsers only see close codes after the handshake. With
 * {@code ServerSettings.rejectUpgradesWithHttpStatus(true)} the response is sent as a plain
 * HTTP response instead. A 404 (no WebSocket route at that path) is always a plain 404.
 */
@FunctionalInterface
public interface Middleware {

    /** Handles {@code request}, calling {@code next} (at most once) to continue the chain. */
    CompletionStage<Response> handle(Request request, Next next) throws Exception;

    /**
     * Handles the HTTP request of a WebSocket handshake, before it is answered. The default
     * passes it on unchanged. Attributes set here (such as the authenticated user) are seen by
     * the {@code WebSocket} the endpoint gets.
     */
    default CompletionStage<Response> handleWebSocket(Request handshake, Next next) throws Exception {
        return next.handle(handshake);
    }

    /**
     * Checks, when the app is built, that this middleware can work where it is installed:
     * {@code outer} are the middleware that run before it, outermost first (the app's, then
     * those of the mounts around it). A middleware that needs another one before it (as an
     * authentication backend reading the session needs {@code SessionMiddleware}) fails here,
     * naming the fix, rather than at every request. The default accepts any place.
     *
     * @throws IllegalStateException naming the middleware to install first
     */
    default void checkPlacement(List<Middleware> outer) {
    }
}
