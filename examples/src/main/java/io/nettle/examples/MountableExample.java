package io.nettle.examples;

import io.nettle.App;
import io.nettle.ServerSettings;
import io.nettle.middleware.Middleware;
import io.nettle.routing.Mount;
import io.nettle.routing.Routable;
import java.util.List;

/**
 * An example made of routes and the middleware around them, so that it runs alone (its routes at
 * {@code /}) and inside the showcase (under a prefix, through {@link #mount}).
 *
 * <p>The showcase mounts examples without a name, so route names stay as written: a guard's
 * {@code redirect("login")} finds the same route alone and mounted. Route names must therefore
 * be unique across the examples; the showcase's {@code build()} fails on a duplicate.
 */
public interface MountableExample extends Example {

    /** The example's routes, as they are served when it runs alone. */
    List<Routable> routes();

    /** The middleware around the routes, first is outermost (sessions, authentication). Default: none. */
    default List<Middleware> middleware() {
        return List.of();
    }

    /**
     * Adds what belongs to the whole app rather than to some routes: exception handlers. The
     * showcase calls it on its own app, so they apply to every example there. Default: nothing.
     */
    default App.Builder appWide(App.Builder app) {
        return app;
    }

    /** The routes under {@code prefix} (e.g. {@code /session}), with their middleware. */
    default Mount mount(String prefix) {
        return Mount.of(prefix, routes().toArray(Routable[]::new)).middleware(middleware().toArray(Middleware[]::new));
    }

    @Override
    default App app(ServerSettings settings) {
        return appWide(App.builder())
            .settings(settings)
            .middleware(middleware().toArray(Middleware[]::new))
            .route(routes().toArray(Routable[]::new))
            .build();
    }
}
