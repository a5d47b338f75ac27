package io.nettle.internal;

import io.nettle.App;
import io.nettle.LifecycleHook;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.internal.codec.AllowedHosts;
import io.nettle.internal.codec.TrustedProxies;
import io.nettle.internal.routing.RouteTable;
import io.nettle.internal.server.NettyServer;
import io.nettle.middleware.Middleware;
import io.nettle.middleware.Next;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

/**
 * An application resolved for serving: the composed middleware chain ending in the router, the
 * route table for reverse routing, the exception mapping, settings and the worker pool. Built
 * once by {@code App.Builder.build()}; nothing here is computed per request.
 */
public final class AppRuntime implements App {
    private final Next chain;
    private final Next webSocketChain;
    private final RouteTable routes;
    private final ExceptionMapper exceptions;
    private final ServerSettings settings;
    private final ExecutorService blocking;
    private final List<LifecycleHook> startup;
    private final List<LifecycleHook> shutdown;
    private final TrustedProxies trustedProxies;
    private final AllowedHosts allowedHosts;
    private final ResponseFinish responseFinish;

    public AppRuntime(List<Middleware> middleware, RouteTable routes, ExceptionMapper exceptions,
                      ServerSettings settings, ExecutorService blocking,
                      List<LifecycleHook> startup, List<LifecycleHook> shutdown) {
        this.routes = routes;
        this.exceptions = exceptions;
        this.settings = settings;
        this.responseFinish = new ResponseFinish(settings);
        this.blocking = blocking;
        this.startup = List.copyOf(startup);
        this.shutdown = List.copyOf(shutdown);
        Next router = routes.router();
        Next mapped = request -> {
            CompletionStage<Response> stage = Stages.call(router, request);
            return Stages.succeeded(stage) ? stage : Stages.recover(stage, failure -> exceptions.handled(request, failure));
        };
        this.chain = MiddlewareChain.compose(middleware, mapped, false);
        this.webSocketChain = MiddlewareChain.compose(middleware, mapped, true);
        this.trustedProxies = TrustedProxies.of(settings.trustedProxies());
        this.allowedHosts = AllowedHosts.of(settings.allowedHosts());
    }

    /** Answers an HTTP request through the whole application; the stage never fails. */
    public CompletionStage<Response> handle(Request request) {
        return run(chain, request);
    }

    /**
     * Runs a WebSocket handshake request through the application; the stage never fails. A
     * {@code 101} response means a WebSocket route took the connection over.
     */
    public CompletionStage<Response> handleWebSocket(Request handshake) {
        return run(webSocketChain, handshake);
    }

    private CompletionStage<Response> run(Next entry, Request request) {
        CompletionStage<Response> stage = Stages.call(entry, request);
        if (Stages.succeeded(stage) && stage.toCompletableFuture().getNow(null) != null) {
            return stage;
        }
        return stage.thenApply(AppRuntime::present).exceptionallyCompose(failure -> exceptions.handled(request, Stages.unwrap(failure))
            .exceptionally(unhandled -> exceptions.last(request, Stages.unwrap(unhandled)))
            .thenApply(response -> failureResponse(request, response)));
    }

    /** The response made for a failure, changed as middleware asked ({@link RequestState#onFailureResponse}). */
    private static Response failureResponse(Request request, Response response) {
        return request instanceof ConnectionBase connection ? connection.requestState().failureResponse(response) : response;
    }

    /** A handler that completed without a response is a server fault, handled like an exception. */
    private static Response present(Response response) {
        if (response == null) {
            throw new NullPointerException("a handler completed its stage with a null Response");
        }
        return response;
    }

    /**
     * The runtime behind {@code app}: every {@link App} is one, since apps are made by
     * {@code App.builder()} only.
     */
    public static AppRuntime of(App app) {
        if (app instanceof AppRuntime runtime) {
            return runtime;
        }
        throw new IllegalArgumentException("not an app made by App.builder(): " + app.getClass().getName());
    }

    @Override
    public Server serve(String host, int port) {
        return NettyServer.start(this, host, port);
    }

    /** What every response goes through before a protocol writes it (compression, HSTS). */
    public ResponseFinish responseFinish() {
        return responseFinish;
    }

    @Override
    public ServerSettings settings() {
        return settings;
    }

    @Override
    public ExecutorService blockingExecutor() {
        return blocking;
    }

    @Override
    public String urlPathFor(String name, Map<String, ?> params) {
        return routes.urlPathFor(name, params);
    }

    public void runStartupHooks() throws Exception {
        for (LifecycleHook hook : startup) {
            hook.run();
        }
    }

    /** Runs every shutdown hook, even when one fails; the first failure is rethrown after the others ran. */
    public void runShutdownHooks() throws Exception {
        Exception first = null;
        for (LifecycleHook hook : shutdown) {
            try {
                hook.run();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The proxies whose forwarding headers are honoured, from the settings. */
    public TrustedProxies trustedProxies() {
        return trustedProxies;
    }

    /** The hosts requests may be addressed to, from the settings. */
    public AllowedHosts allowedHosts() {
        return allowedHosts;
    }
}
