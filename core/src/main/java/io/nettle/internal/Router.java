package io.nettle.internal;

import io.nettle.http.HttpException;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.middleware.Next;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The end of the middleware chain: matches the path, stores the path parameters and calls the
 * route's handler; answers 404, 405 (with {@code Allow}), 426 for a plain request to an
 * upgrade-only route, and 307 slash redirects.
 */
final class Router implements Next {
    private final RouteTrie trie;
    private final boolean redirectSlashes;

    Router(RouteTrie trie, boolean redirectSlashes) {
        this.trie = trie;
        this.redirectSlashes = redirectSlashes;
    }

    @Override
    public CompletionStage<Response> handle(Request request) {
        ConnectionState state = Internals.state(request);
        String[] segments = state.pathSegments();
        RouteTrie.Match match = trie.match(segments);
        if (match == null) {
            return notFound(state, segments);
        }
        state.pathParams(match.params());
        RouteTarget target = match.target();
        Next handler;
        if (state.isWebSocketUpgrade()) {
            handler = target.upgrade();
            if (handler == null) {
                throw new HttpException(404);
            }
        } else {
            handler = target.handler(request.method());
            if (handler == null) {
                if (target.upgradeOnly()) {
                    throw new HttpException(426, "Upgrade Required: this is a WebSocket endpoint",
                        Map.of("Upgrade", "websocket", "Connection", "Upgrade"));
                }
                throw new HttpException(405, null, Map.of("Allow", target.allow()));
            }
        }
        return handler.handle(request);
    }

    private CompletionStage<Response> notFound(ConnectionState state, String[] segments) {
        if (redirectSlashes && segments.length > 0) {
            boolean trailing = segments[segments.length - 1].isEmpty();
            String[] other = trailing ? Arrays.copyOf(segments, segments.length - 1) : Arrays.copyOf(segments, segments.length + 1);
            if (!trailing) {
                other[segments.length] = "";
            }
            if (other.length > 0 && trie.match(other) != null) {
                String rawPath = state.rawPath();
                String path = trailing ? rawPath.substring(0, rawPath.length() - 1) : rawPath + "/";
                String query = state.rawQuery();
                String location = state.url().origin() + path + (query.isEmpty() ? "" : "?" + query);
                return CompletableFuture.completedFuture(Response.redirect(location, 307));
            }
        }
        throw new HttpException(404);
    }
}
