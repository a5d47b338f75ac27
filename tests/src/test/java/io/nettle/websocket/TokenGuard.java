package io.nettle.websocket;

import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.middleware.Middleware;
import io.nettle.middleware.Next;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A test middleware that denies a WebSocket handshake without a {@code token} query parameter: 403 "token required". */
final class TokenGuard implements Middleware {
    @Override
    public CompletionStage<Response> handle(Request request, Next next) {
        return next.handle(request);
    }

    @Override
    public CompletionStage<Response> handleWebSocket(Request handshake, Next next) {
        if (handshake.queryParam("token").isEmpty()) {
            return CompletableFuture.completedFuture(Response.text("token required").withStatus(403));
        }
        return next.handle(handshake);
    }
}
