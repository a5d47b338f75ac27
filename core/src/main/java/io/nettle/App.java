package io.nettle;

import io.nettle.http.HttpException;
import io.nettle.internal.AppRuntime;
import io.nettle.internal.ExceptionMapper;
import io.nettle.internal.WorkerPool;
import io.nettle.internal.routing.RouteTable;
import io.nettle.middleware.Middleware;
import io.nettle.routing.Routable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * A Nettle application: routes, middleware, exception handlers, lifecycle hooks and server
 * settings, resolved once by {@link Builder#build()}.
 * <pre>{@code
 * App app = App.builder()
 *     .route(Route.get("/", Endpoint.sync(request -> Response.text("Hello"))).name("home"))
 *     .middleware(new AuthenticationMiddleware(backend))
 *     .build();
 * try (Server server = app.serve(8000)) {
 *     server.awaitShutdown();
 * }
 * }</pre>
 * An app is immutable and may be served several times, or driven by the {@code TestClient}.
 * Apps are made by {@link #builder()} only: this interface is not for implementing.
 */
public interface App {

    /** A builder for an app. */
    static Builder builder() {
        return new Builder();
    }

    /** Serves on all interfaces ({@code 0.0.0.0}) at {@code port}; 0 picks a free port. */
    default Server serve(int port) {
        return serve("0.0.0.0", port);
    }

    /**
     * Runs the startup hooks, then serves on {@code host:port} (0 picks a free port) until the
     * returned server is closed.
     *
     * @throws IllegalStateException when a startup hook fails or the port cannot be bound
     */
    Server serve(String host, int port);

    /**
     * The path of the route named {@code name} ({@code mount:route} inside named mounts) with
     * its parameters filled in, e.g. {@code urlPathFor("user", Map.of("id", 7))} gives {@code /users/7}.
     *
     * @throws IllegalArgumentException when no route has that name or a parameter is missing or does not fit
     */
    String urlPathFor(String name, Map<String, ?> params);

    /**
     * The bounded pool that runs blocking endpoints and backends; submit your own blocking work
     * here rather than on an event loop. Its threads are daemons that end when idle.
     */
    ExecutorService blockingExecutor();

    /** The server settings. */
    ServerSettings settings();

    /** Builds an {@link App}. Nothing is resolved until {@link #build()}, which checks everything. */
    final class Builder {
        private final List<Routable> routes = new ArrayList<>();
        private final List<Middleware> middleware = new ArrayList<>();
        private final Map<Integer, ExceptionHandler<HttpException>> statusHandlers = new LinkedHashMap<>();
        private final List<ExceptionMapper.TypeHandler> typeHandlers = new ArrayList<>();
        private final List<LifecycleHook> startup = new ArrayList<>();
        private final List<LifecycleHook> shutdown = new ArrayList<>();
        private ServerSettings settings = ServerSettings.defaults();
        private boolean redirectSlashes = true;

        private Builder() {
        }

        /** Adds routes or mounts, matched in the order given where templates overlap. */
        public Builder route(Routable... routes) {
            for (Routable r : routes) {
                this.routes.add(Objects.requireNonNull(r, "route"));
            }
            return this;
        }

        /** Adds middleware; the first added is the outermost. */
        public Builder middleware(Middleware... middleware) {
            for (Middleware m : middleware) {
                this.middleware.add(Objects.requireNonNull(m, "middleware"));
            }
            return this;
        }

        /** Handles {@code HttpException}s of {@code status} (including routing's 404 and 405) with {@code handler}. */
        public Builder exceptionHandler(int status, ExceptionHandler<HttpException> handler) {
            io.nettle.http.Status.check(status);
            statusHandlers.put(status, Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * Handles exceptions of {@code type} and its subclasses (the nearest registered superclass
         * wins). An {@code HttpException} goes to a handler for its status first, else to one
         * registered for {@code HttpException} or a subclass; handlers for wider types such as
         * {@code Exception} never see it.
         */
        @SuppressWarnings("unchecked")
        public <T extends Throwable> Builder exceptionHandler(Class<T> type, ExceptionHandler<? super T> handler) {
            Objects.requireNonNull(type, "type");
            typeHandlers.add(new ExceptionMapper.TypeHandler(type, (ExceptionHandler<Throwable>) Objects.requireNonNull(handler, "handler")));
            return this;
        }

        /** Runs {@code hook} before the server accepts connections (and when a TestClient opens). */
        public Builder onStartup(LifecycleHook hook) {
            startup.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /** Runs {@code hook} after the server stopped (and when a TestClient closes). */
        public Builder onShutdown(LifecycleHook hook) {
            shutdown.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /** Server limits and timeouts. Default: {@link ServerSettings#defaults()}. */
        public Builder settings(ServerSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Whether a path that matches no route, but would with a trailing slash added or
         * removed, is answered with a 307 to that form (query kept). Default: {@code true}.
         */
        public Builder redirectSlashes(boolean redirect) {
            this.redirectSlashes = redirect;
            return this;
        }

        /**
         * Resolves and checks everything.
         *
         * @throws IllegalArgumentException for a malformed template, an unknown converter, a
         *                                  duplicate route name or two routes for one method and path
         */
        public App build() {
            ExceptionMapper exceptions = new ExceptionMapper(statusHandlers, typeHandlers);
            RouteTable table = new RouteTable(routes, middleware, redirectSlashes);
            ExecutorService workers = WorkerPool.create(settings.workerThreads(), settings.workerQueueSize());
            return new AppRuntime(middleware, table, exceptions, settings, workers, startup, shutdown);
        }
    }
}
