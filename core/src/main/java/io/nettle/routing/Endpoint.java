package io.nettle.routing;

import io.nettle.http.HttpException;
import io.nettle.http.Request;
import io.nettle.http.Response;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/**
 * Handles an HTTP request asynchronously. It runs on the connection's event loop: it must not
 * block. For code that answers at once use {@link #sync}; for code that blocks (JDBC, password
 * hashing, files) use {@link #blocking}.
 * <pre>{@code
 * Route.get("/users/{id:int}", request -> users.find(request.pathParams().getLong("id"))
 *     .thenApply(Response::json));
 * Route.get("/", Endpoint.sync(request -> Response.text("Hello")));
 * Route.post("/report", Endpoint.blocking(request -> Response.text(reports.generate())));
 * }</pre>
 * Throwing or failing the stage with {@link HttpException} answers with its status; any other
 * failure is a 500 without detail on the wire.
 */
@FunctionalInterface
public interface Endpoint {

    /** Answers {@code request}. */
    CompletionStage<Response> handle(Request request) throws Exception;

    /** An endpoint from code that answers at once, on the event loop. */
    static Endpoint sync(SyncEndpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return request -> CompletableFuture.completedFuture(endpoint.handle(request));
    }

    /**
     * An endpoint from blocking code: it runs on the App's bounded worker pool
     * ({@link io.nettle.App#blockingExecutor()}), never on an event loop, and its response is
     * handed back to the connection's event loop. When the pool and its queue are full the
     * client gets a 503.
     */
    static Endpoint blocking(SyncEndpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return request -> {
            try {
                return request.runBlocking(() -> endpoint.handle(request));
            } catch (RejectedExecutionException busy) {
                throw new HttpException(503, "Server busy, try again later");
            }
        };
    }
}
