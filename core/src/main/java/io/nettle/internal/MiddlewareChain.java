package io.nettle.internal;

import io.nettle.middleware.Middleware;
import io.nettle.middleware.Next;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Composes middleware around a handler once, at build time: the first middleware is the
 * outermost. The HTTP chain calls {@link Middleware#handle}, the WebSocket chain
 * {@link Middleware#handleWebSocket}.
 */
public final class MiddlewareChain {
    private MiddlewareChain() {
    }

    public static Next compose(List<Middleware> middleware, Next terminal, boolean webSocket) {
        Next next = terminal;
        for (int i = middleware.size() - 1; i >= 0; i--) {
            Middleware current = middleware.get(i);
            Next inner = next;
            next = request -> {
                try {
                    return webSocket ? current.handleWebSocket(request, inner) : current.handle(request, inner);
                } catch (Throwable t) {
                    return CompletableFuture.failedFuture(t);
                }
            };
        }
        return next;
    }
}
