package io.nettle.websocket;

import io.nettle.http.HttpException;
import io.nettle.http.Response;
import io.nettle.internal.RequestState;
import io.nettle.routing.Route;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * WebSocket routes: a path template (same converters and names as HTTP routes, so
 * {@code urlFor} works) and the handler of its connections, added to the same {@code App}.
 * <pre>{@code
 * App.builder()
 *     .route(WebSocketRoute.of("/ws/{room}", ws -> { ws.accept(); ws.onText(ws::sendText); }).name("room"))
 *     .route(WebSocketRoute.endpoint("/chat", Chat::new))
 * }</pre>
 * A plain HTTP request to a WebSocket-only path gets {@code 426 Upgrade Required}; a WebSocket
 * handshake to an HTTP-only path gets {@code 404}. The app's middleware sees the handshake
 * through {@code Middleware.handleWebSocket} before the handler runs.
 */
public final class WebSocketRoute {
    private WebSocketRoute() {
    }

    /** A WebSocket route with the default {@link WebSocketOptions}. */
    public static Route of(String path, WebSocketHandler handler) {
        return of(path, handler, WebSocketOptions.defaults());
    }

    /** A WebSocket route with its own options. */
    public static Route of(String path, WebSocketHandler handler, WebSocketOptions options) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        return Route.upgrade(path, request -> {
            if (!options.originAllowed(request.header("Origin").orElse(null), request.url())) {
                throw new HttpException(403, "Origin not allowed");
            }
            RequestState state = RequestState.of(request);
            WebSocketSession session = new WebSocketSession(state, options, handler);
            state.takeover(session::takeOver);
            return CompletableFuture.completedFuture(SWITCHING);
        });
    }

    /** A route whose connections are each served by a new endpoint from {@code endpoints}. */
    public static Route endpoint(String path, Supplier<? extends WebSocketEndpoint> endpoints) {
        return endpoint(path, endpoints, WebSocketOptions.defaults());
    }

    /** A route whose connections are each served by a new endpoint, with its own options. */
    public static Route endpoint(String path, Supplier<? extends WebSocketEndpoint> endpoints, WebSocketOptions options) {
        Objects.requireNonNull(endpoints, "endpoints");
        return of(path, webSocket -> endpoints.get().serve(webSocket), options);
    }

    private static final Response SWITCHING = Response.status(101);
}
