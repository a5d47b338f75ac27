package io.nettle.auth;

import io.nettle.http.Connection;
import io.nettle.middleware.Middleware;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/**
 * Decides who is on a connection (HTTP request or WebSocket handshake), asynchronously
 * (Starlette's {@code AuthenticationBackend}). The stage completes with:
 * <ul>
 *   <li>a result: the connection's user and scopes;</li>
 *   <li>empty: anonymous ({@code UnauthenticatedUser}, no scopes);</li>
 *   <li>or fails with {@link AuthenticationError}: bad credentials.</li>
 * </ul>
 * Any other failure is a server error (500, or 1011 for a WebSocket), logged without detail
 * on the wire. It runs on the connection's event loop: it must not block. Use {@link #sync}
 * for code that answers at once and {@link #blocking} for code that blocks (a JDBC user
 * store, password hashing).
 *
 * <p>Every built-in backend's successful result has the scope {@code authenticated} (see
 * {@link AuthResult#withAuthenticated()}). A backend may declare its {@link #challenges()}: a
 * guard with {@link Guard#challenge()} answers an anonymous user {@code 401} with them.
 */
@FunctionalInterface
public interface AuthenticationBackend {

    /** Authenticates {@code connection}. */
    CompletionStage<Optional<AuthResult>> authenticate(Connection connection) throws Exception;

    /**
     * The {@code WWW-Authenticate} challenges (RFC 9110 §11.6.1) this backend answers a request
     * without valid credentials with, e.g. {@code Basic realm="nettle", charset="UTF-8"} or
     * {@code Bearer realm="api"}: the {@link AuthenticationMiddleware} records them on every
     * connection it authenticates ({@link Challenges#of}), and a {@link Guard#challenge()}
     * answers an anonymous user {@code 401} with them. A chain has those of its backends, in
     * order. The default has none (sessions and client certificates have no HTTP challenge).
     */
    default List<String> challenges() {
        return List.of();
    }

    /**
     * Checks, when the app is built, that the middleware this backend reads from run before the
     * {@link AuthenticationMiddleware} that uses it: {@code outer} are those middleware,
     * outermost first. The default needs none.
     *
     * @throws IllegalStateException naming the middleware to install first
     */
    default void checkPlacement(List<Middleware> outer) {
    }

    /** A backend that answers at once, on the event loop. */
    static AuthenticationBackend sync(SyncBackend backend) {
        Objects.requireNonNull(backend, "backend");
        return connection -> CompletableFuture.completedFuture(backend.authenticate(connection));
    }

    /**
     * A backend of blocking code: it runs on the App's bounded worker pool, never on an event
     * loop, and its result comes back on the connection's own event loop. Many slow lookups at
     * once scale with the worker pool, not with the event-loop threads. When the pool is full
     * the stage fails, which the middleware answers with 503 (1011 for a WebSocket).
     */
    static AuthenticationBackend blocking(SyncBackend backend) {
        Objects.requireNonNull(backend, "backend");
        return connection -> {
            try {
                return connection.runBlocking(() -> backend.authenticate(connection));
            } catch (RejectedExecutionException busy) {
                return CompletableFuture.failedFuture(new BackendBusyException());
            }
        };
    }

    /**
     * Tries {@code backends} in order: the first that finds a user wins; the first that fails
     * (bad credentials included) ends the chain with its failure; anonymous when none finds one.
     */
    static AuthenticationBackend chain(AuthenticationBackend... backends) {
        return new Chain(List.of(backends));
    }

    /** A backend that answers directly; see {@link #sync} and {@link #blocking}. */
    @FunctionalInterface
    interface SyncBackend {
        /** Authenticates {@code connection}: a result, empty for anonymous, or throws {@link AuthenticationError}. */
        Optional<AuthResult> authenticate(Connection connection) throws Exception;
    }

    /** The worker pool refused a blocking backend: the server is overloaded. */
    final class BackendBusyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BackendBusyException() {
            super("the worker pool is full", null, false, false);
        }
    }
}
