package io.nettle.routing;

import io.nettle.middleware.Middleware;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A group of routes under a common path prefix, with an optional name and its own middleware.
 * <pre>{@code
 * Mount.of("/api", Route.get("/users", Users::list).name("users")).name("api")
 *     .middleware(new AuthenticationMiddleware(apiKeys))
 * }</pre>
 * Routes inside a named mount are named {@code mount:route} for {@code urlFor} ({@code "api:users"}).
 * The mount's middleware runs after the app's middleware and only for requests that matched one
 * of its routes, in the order given (first is outermost).
 */
public final class Mount implements Routable {
    private final String path;
    private final List<Routable> routes;
    private final String name;
    private final List<Middleware> middleware;

    private Mount(String path, List<Routable> routes, String name, List<Middleware> middleware) {
        this.path = Objects.requireNonNull(path, "path");
        this.routes = routes;
        this.name = name;
        this.middleware = middleware;
    }

    /** Mounts {@code routes} (routes or nested mounts) under {@code prefix}, e.g. {@code /api}. */
    public static Mount of(String prefix, Routable... routes) {
        if (!prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("a mount prefix must start with '/' and not end with it, was '" + prefix + "'");
        }
        return new Mount(prefix, List.of(routes), null, List.of());
    }

    /** This mount with a name, prefixing the names of its routes as {@code name:route}. */
    public Mount name(String name) {
        if (Objects.requireNonNull(name, "name").isBlank() || name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a mount name must be non-blank and without ':', was '" + name + "'");
        }
        return new Mount(path, routes, name, middleware);
    }

    /** This mount with its own middleware, first is outermost. */
    public Mount middleware(Middleware... middleware) {
        return new Mount(path, routes, name, List.of(middleware));
    }

    @Override
    public String path() {
        return path;
    }

    /** The routes and mounts inside. */
    public List<Routable> routes() {
        return routes;
    }

    /** The mount's name, if any. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** The mount's own middleware. */
    public List<Middleware> middleware() {
        return middleware;
    }
}
