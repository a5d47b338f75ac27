package io.nettle.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A path template and the endpoints that answer it, one per HTTP method, with an optional
 * name for reverse routing ({@code urlFor}).
 *
 * <p>Templates are segments separated by {@code /}; a segment is either literal or one
 * parameter {@code {name}} or {@code {name:converter}} with the converters {@code str}
 * (default; one non-empty segment), {@code int} ({@code [0-9]+} as {@link Long}), {@code float}
 * ({@code [0-9]+(.[0-9]+)?} as {@link Double}), {@code uuid} (canonical form) and {@code path}
 * (the rest of the path, slashes included; last segment only). A {@code GET} route answers
 * {@code HEAD} too, without a body.
 * <pre>{@code
 * Route.get("/users/{id:int}", Users::show).name("user")
 * Route.of("/items", Items::handle, "GET", "POST")
 * Route.endpoint("/orders", new OrdersEndpoint())
 * }</pre>
 * Routes are immutable; {@link #name(String)} returns a copy.
 */
public final class Route implements Routable {
    private final String path;
    private final Map<String, Endpoint> endpoints;
    private final Endpoint upgrade;
    private final String name;

    private Route(String path, Map<String, Endpoint> endpoints, Endpoint upgrade, String name) {
        this.path = Objects.requireNonNull(path, "path");
        this.endpoints = endpoints;
        this.upgrade = upgrade;
        this.name = name;
    }

    /** A route answering {@code GET} (and {@code HEAD}). */
    public static Route get(String path, Endpoint endpoint) {
        return of(path, endpoint, "GET");
    }

    /** A route answering {@code POST}. */
    public static Route post(String path, Endpoint endpoint) {
        return of(path, endpoint, "POST");
    }

    /** A route answering {@code PUT}. */
    public static Route put(String path, Endpoint endpoint) {
        return of(path, endpoint, "PUT");
    }

    /** A route answering {@code PATCH}. */
    public static Route patch(String path, Endpoint endpoint) {
        return of(path, endpoint, "PATCH");
    }

    /** A route answering {@code DELETE}. */
    public static Route delete(String path, Endpoint endpoint) {
        return of(path, endpoint, "DELETE");
    }

    /** A route answering each of {@code methods} with the same endpoint. */
    public static Route of(String path, Endpoint endpoint, String... methods) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (methods.length == 0) {
            throw new IllegalArgumentException("a route needs at least one method");
        }
        Map<String, Endpoint> map = new LinkedHashMap<>();
        for (String method : methods) {
            map.put(checkMethod(method), endpoint);
        }
        return new Route(path, Collections.unmodifiableMap(map), null, null);
    }

    /** A route whose methods are the {@code get}, {@code post}... methods of a class-based endpoint. */
    public static Route endpoint(String path, HttpEndpoint endpoint) {
        return new Route(path, HttpEndpointMethods.of(endpoint), null, null);
    }

    /**
     * A route that answers protocol upgrades (WebSocket handshakes) on {@code path}. Use
     * {@code WebSocketRoute.of(...)} rather than this; it is the hook that module builds on.
     */
    public static Route upgrade(String path, Endpoint handshake) {
        return new Route(path, Map.of(), Objects.requireNonNull(handshake, "handshake"), null);
    }

    /** This route with a name, for {@code urlFor(name, params)}. */
    public Route name(String name) {
        if (Objects.requireNonNull(name, "name").isBlank() || name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a route name must be non-blank and without ':', was '" + name + "'");
        }
        return new Route(path, endpoints, upgrade, name);
    }

    @Override
    public String path() {
        return path;
    }

    /** The route's name, if it has one. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** The methods answered, upper case ({@code HEAD} is implied by {@code GET}). */
    public Set<String> methods() {
        return endpoints.keySet();
    }

    /** The endpoint per method. */
    public Map<String, Endpoint> endpoints() {
        return endpoints;
    }

    /** The upgrade (handshake) endpoint, for upgrade routes. */
    public Optional<Endpoint> upgradeEndpoint() {
        return Optional.ofNullable(upgrade);
    }

    private static String checkMethod(String method) {
        String upper = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        if (upper.isEmpty() || !upper.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new IllegalArgumentException("invalid HTTP method '" + method + "'");
        }
        return upper;
    }

    @Override
    public String toString() {
        return "Route[" + path + " " + (upgrade != null ? "UPGRADE" : endpoints.keySet())
            + (name == null ? "" : " name=" + name) + "]";
    }
}
