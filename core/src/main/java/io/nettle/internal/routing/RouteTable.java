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
import io.nettle.routing.RouteHiding;
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

    /**
     * The table of {@code routes}; the app's {@code middleware} (outermost first) are checked for
     * their placement ({@link Middleware#checkPlacement}), and so are the mounts' middleware,
     * behind them.
     */
    public RouteTable(List<Routable> routes, List<Middleware> middleware, boolean redirectSlashes) {
        this.redirectSlashes = redirectSlashes;
        checkPlacement(List.of(), middleware);
        for (Routable routable : routes) {
            add(routable, "", "", List.of(), middleware);
        }
        for (Endpoint endpoint : endpoints) {
            if (endpoint instanceof BuildCheck check) {
                check.check(names.keySet());
            }
        }
    }

    /** Lets each of {@code middleware} check its place behind {@code outer} and the ones before it. */
    private static void checkPlacement(List<Middleware> outer, List<Middleware> middleware) {
        List<Middleware> before = new ArrayList<>(outer);
        for (Middleware m : middleware) {
            m.checkPlacement(List.copyOf(before));
            before.add(m);
        }
    }

    /** Adds {@code routable} with the mounts' {@code middleware} around it ({@code outer}: all that runs before, the app's included). */
    private void add(Routable routable, String prefix, String namePrefix, List<Middleware> middleware, List<Middleware> outer) {
        if (routable instanceof Mount mount) {
            checkPlacement(outer, mount.middleware());
            List<Middleware> inner = new ArrayList<>(middleware);
            inner.addAll(mount.middleware());
            List<Middleware> innerOuter = new ArrayList<>(outer);
            innerOuter.addAll(mount.middleware());
            String innerNames = mount.name().map(n -> namePrefix + n + ":").orElse(namePrefix);
            for (Routable child : mount.routes()) {
                add(child, prefix + mount.path(), innerNames, inner, innerOuter);
            }
            return;
        }
        Route route = (Route) routable;
        PathTemplate template = PathTemplate.parse(prefix + route.path());
        RouteTarget target = trie.target(template);
        route.endpoints().forEach((method, endpoint) -> {
            target.add(method, wrap(endpoint, middleware, false));
            if (endpoint instanceof RouteHiding hiding) {
                target.hiding(hiding, middleware);
            }
        });
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
