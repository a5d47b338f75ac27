package io.nettle.internal.routing;

import io.nettle.http.Request;
import io.nettle.middleware.Middleware;
import io.nettle.middleware.Next;
import io.nettle.routing.RouteHiding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one path template answers: a handler per method, an optional upgrade handler, and its {@code Allow} value. */
final class RouteTarget {
    private final PathTemplate template;
    private final List<String> paramNames;
    private final Map<String, Next> byMethod = new LinkedHashMap<>();
    private Next upgrade;
    private String allow;
    private final List<RouteHiding> hiding = new ArrayList<>();
    private List<Middleware> hidingMiddleware = List.of();

    RouteTarget(PathTemplate template) {
        this.template = template;
        this.paramNames = List.copyOf(template.paramNames());
    }

    void add(String method, Next handler) {
        if (byMethod.putIfAbsent(method, handler) != null) {
            throw new IllegalArgumentException("two routes answer " + method + " " + template);
        }
        allow = null;
    }

    /** Adds an endpoint that may hide this path, with the middleware of its mounts (the first one's are kept). */
    void hiding(RouteHiding endpoint, List<Middleware> middleware) {
        if (hiding.isEmpty()) {
            hidingMiddleware = List.copyOf(middleware);
        }
        hiding.add(endpoint);
    }

    /**
     * Whether the path may be hidden ({@link RouteHiding}): every endpoint here may hide it. One
     * that does not (unguarded, or answering 403) shows that the path exists anyway.
     */
    boolean mayHide() {
        return !hiding.isEmpty() && hiding.size() == byMethod.size();
    }

    /** The middleware to run before asking {@link #hides}: the mounts' of the hiding endpoints. */
    List<Middleware> hidingMiddleware() {
        return hidingMiddleware;
    }

    /** Whether every endpoint here hides the path from {@code request}. */
    boolean hides(Request request) {
        if (!mayHide()) {
            return false;
        }
        for (RouteHiding endpoint : hiding) {
            if (!endpoint.hides(request)) {
                return false;
            }
        }
        return true;
    }

    void upgrade(Next handler) {
        if (upgrade != null) {
            throw new IllegalArgumentException("two upgrade (WebSocket) routes for " + template);
        }
        upgrade = handler;
    }

    /** The handler for {@code method}; {@code HEAD} falls back to {@code GET}. {@code null} when none. */
    public Next handler(String method) {
        Next handler = byMethod.get(method);
        if (handler == null && method.equals("HEAD")) {
            handler = byMethod.get("GET");
        }
        return handler;
    }

    /** The upgrade handler, or {@code null}. */
    public Next upgrade() {
        return upgrade;
    }

    /** Whether only an upgrade (and no HTTP method) is answered here. */
    public boolean upgradeOnly() {
        return byMethod.isEmpty();
    }

    /** The value of an {@code Allow} header: the methods answered, HEAD included with GET. */
    public String allow() {
        if (allow == null) {
            List<String> methods = new java.util.ArrayList<>(byMethod.keySet());
            if (methods.contains("GET") && !methods.contains("HEAD")) {
                methods.add(methods.indexOf("GET") + 1, "HEAD");
            }
            allow = String.join(", ", methods);
        }
        return allow;
    }

    List<String> paramNames() {
        return paramNames;
    }

    PathTemplate template() {
        return template;
    }

    Map<String, Next> methods() {
        return Collections.unmodifiableMap(byMethod);
    }
}
