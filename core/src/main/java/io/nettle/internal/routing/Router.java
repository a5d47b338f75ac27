package io.nettle.internal.routing;

import io.nettle.http.HttpException;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.internal.MiddlewareChain;
import io.nettle.internal.RequestState;
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
        RequestState state = RequestState.of(request);
        String[] segments = state.pathSegments();
        RouteTrie.Match match = trie.match(segments);
        if (match == null) {
            return notFound(request, state, segments);
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
                if (target.mayHide()) {
                    return unlessHidden(target, request, r -> {
                        throw new HttpException(405, null, Map.of("Allow", target.allow()));
                    });
                }
                throw new HttpException(405, null, Map.of("Allow", target.allow()));
            }
        }
        return handler.handle(request);
    }

    /**
     * {@code answer} (a 405, a slash redirect: what would show that the route exists), unless the
     * endpoints of {@code target} all hide the route from {@code request}: then a 404. Asked behind
     * the middleware of the route's mounts, as the endpoint itself would be.
     */
    private static CompletionStage<Response> unlessHidden(RouteTarget target, Request request, Next answer) {
        Next terminal = r -> {
            if (target.hides(r)) {
                throw new HttpException(404);
            }
            return answer.handle(r);
        };
        return MiddlewareChain.compose(target.hidingMiddleware(), terminal, false).handle(request);
    }

    /**
     * A path that matches nothing may still match in its other form: with all its trailing
     * slashes removed ({@code /dashboard//} is {@code /dashboard}; {@code //} is {@code /}) when it
     * ends with one, else with one slash added ({@code /x} is {@code /x/}). That form gets a 307,
     * query kept, like Starlette's {@code redirect_slashes}. The {@code Location} is absolute, on
     * the request's own origin: a bare path such as {@code //evil.example} would be read by a
     * browser as another host.
     */
    private CompletionStage<Response> notFound(Request request, RequestState state, String[] segments) {
        if (redirectSlashes && segments.length > 0) {
            String[] other;
            String rawPath = state.rawPath();
            String path;
            if (segments[segments.length - 1].isEmpty()) {
                int kept = segments.length;
                while (kept > 0 && segments[kept - 1].isEmpty()) {
                    kept--;
                }
                other = Arrays.copyOf(segments, kept);
                // each empty trailing segment is one trailing '/' of the raw path
                int end = rawPath.length() - (segments.length - kept);
                path = end == 0 ? "/" : rawPath.substring(0, end);
            } else {
                other = Arrays.copyOf(segments, segments.length + 1);
                other[segments.length] = "";
                path = rawPath + "/";
            }
            RouteTrie.Match otherMatch = trie.match(other);
            if (otherMatch != null) {
                String query = state.rawQuery();
                String location = state.url().origin() + path + (query.isEmpty() ? "" : "?" + query);
                CompletableFuture<Response> redirect = CompletableFuture.completedFuture(Response.redirect(location, 307));
                if (otherMatch.target().mayHide()) {
                    state.pathParams(otherMatch.params());
                    return unlessHidden(otherMatch.target(), request, r -> redirect);
                }
                return redirect;
            }
        }
        throw new HttpException(404);
    }
}
