package io.nettle.internal.routing;

import io.nettle.internal.MiddlewareChain;
import io.nettle.internal.Stages;
import io.nettle.middleware.Middleware;
import io.nettle.middleware.Next;
import io.nettle.routing.BuildCheck;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Mount;
import io.nettle.routing.Routable;
import io.nettle.routing.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every route of an app, flattened: mounts resolved into full templates and their middleware
 * composed around each route's endpoints; plus the names for reverse routing. A malformed
 * template, a duplicate name or two routes answering the same method and template fail here,
 * when the app is built.
 */
public final class RouteTable {
    private final RouteTrie trie = new RouteTrie();
    private final Map<String, PathTemplate> names = new HashMap<>();
    private final boolean redirectSlashes;

    private final List<Endpoint> endpoints = new ArrayList<>();

    public RouteTable(List<Routable> routes, boolean redirectSlashes) {
        this.redirectSlashes = redirectSlashes;
        for (Routable routable : routes) {
            add(routable, "", "", List.of());
        }
        for (Endpoint endpoint : endpoints) {
            if (endpoint instanceof BuildCheck check) {
                check.check(names.keySet());
            }
        }
    }

    private void add(Routable routable, String prefix, String namePrefix, List<Middleware> middleware) {
        if (routable instanceof Mount mount) {
            List<Middleware> inner = new ArrayList<>(middleware);
            inner.addAll(mount.middleware());
            String innerNames = mount.name().map(n -> namePrefix + n + ":").orElse(namePrefix);
            for (Routable child : mount.routes()) {
                add(child, prefix + mount.path(), innerNames, inner);
            }
            return;
        }
        Route route = (Route) routable;
        PathTemplate template = PathTemplate.parse(prefix + route.path());
        RouteTarget target = trie.target(template);
        route.endpoints().forEach((method, endpoint) -> target.add(method, wrap(endpoint, middleware, false)));
        route.upgradeEndpoint().ifPresent(handshake -> target.upgrade(wrap(handshake, middleware, true)));
        route.name().ifPresent(name -> {
            String full = namePrefix + name;
            if (names.putIfAbsent(full, template) != null) {
                throw new IllegalArgumentException("two routes are named '" + full + "'");
            }
        });
    }

    private Next wrap(Endpoint endpoint, List<Middleware> middleware, boolean webSocket) {
        endpoints.add(endpoint);
        return MiddlewareChain.compose(middleware, Stages.asNext(endpoint), webSocket);
    }

    /** The handler at the end of the app's middleware chain. */
    public Next router() {
        return new Router(trie, redirectSlashes);
    }

    /**
     * The path of the route named {@code name} with {@code params} filled in.
     *
     * @throws IllegalArgumentException when there is no such route or the parameters do not fit
     */
    public String urlPathFor(String name, Map<String, ?> params) {
        PathTemplate template = names.get(name);
        if (template == null) {
            throw new IllegalArgumentException("no route is named '" + name + "'; named routes: " + names.keySet());
        }
        return template.expand(name, params);
    }
}
