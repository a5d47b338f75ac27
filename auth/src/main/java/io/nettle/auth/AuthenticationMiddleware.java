package io.nettle.auth;

import io.nettle.http.AttributeKey;
import io.nettle.http.ConnectionExecutor;
import io.nettle.http.HttpException;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.middleware.Middleware;
import io.nettle.middleware.Next;
import io.nettle.security.AuthCredentials;
import io.nettle.security.UnauthenticatedUser;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link AuthenticationBackend} for every HTTP request and every WebSocket handshake,
 * before routing, and attaches the outcome: {@code request.user()} and {@code request.auth()}
 * (Starlette's {@code AuthenticationMiddleware}).
 * <pre>{@code
 * App.builder().middleware(new AuthenticationMiddleware(new BasicAuthBackend(verifier)))
 * }</pre>
 * <ul>
 *   <li>Bad credentials ({@link AuthenticationError}): over HTTP the {@code onError} response
 *       (default: {@code 400 text/plain} with the message, as in Starlette;
 *       {@link Challenges#unauthorized()} answers {@code 401} with the challenges); a WebSocket
 *       is closed with 1008 and the message as reason.</li>
 *   <li>An {@code HttpException} the backend ran into while reading the request (a malformed
 *       query string, an oversized cookie header): that status, as anywhere else in the app.</li>
 *   <li>Any other failure of the backend: 500 (WebSocket: 1011), logged, no detail on the wire.</li>
 *   <li>A backend that does not answer within the timeout (default 5 s): 503 (WebSocket: 1011).</li>
 * </ul>
 * The backend's {@link AuthenticationBackend#challenges() challenges} are recorded on every
 * connection ({@link Challenges#of}), for {@link Guard#challenge()} and for {@code onError}.
 * While the backend runs, at most a few KiB of the request body are read (the rest when the
 * endpoint asks for it), and a client that leaves meanwhile is noticed: the rest of the chain
 * is not run for it. A backend answering on another thread is brought back to the connection's
 * event loop before the rest of the chain runs.
 *
 * <p><b>CORS preflights</b> ({@code OPTIONS} with {@code Access-Control-Request-Method}) are
 * authenticated like any request, and a guarded route that answers {@code OPTIONS} denies
 * them, since browsers send preflights without credentials. Install
 * {@link io.nettle.middleware.CorsMiddleware} <em>before</em> this one (outermost) so that it
 * answers preflights itself; it refuses, at {@code build()}, to come after this one.
 */
public final class AuthenticationMiddleware implements Middleware {
    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationMiddleware.class);
    private static final Response SERVER_ERROR = Response.text("Internal Server Error").withStatus(500);
    private static final Response UNAVAILABLE = Response.text("Service Unavailable").withStatus(503);
    /** Where guards find the listener of the middleware that authenticated the connection. */
    static final AttributeKey<AuthenticationListener> LISTENER = AttributeKey.of("nettle.auth.listener", AuthenticationListener.class);

    private final AuthenticationBackend backend;
    private final BiFunction<Request, AuthenticationError, Response> onError;
    private final Duration timeout;
    private final AuthenticationListener listener;
    private final List<String> challenges;

    /** Authentication by {@code backend} with the default error response and timeout. */
    public AuthenticationMiddleware(AuthenticationBackend backend) {
        this(builder(backend));
    }

    /** Authentication by {@code backend}, answering bad credentials over HTTP with {@code onError}. */
    public AuthenticationMiddleware(AuthenticationBackend backend, BiFunction<Request, AuthenticationError, Response> onError) {
        this(builder(backend).onError(onError));
    }

    private AuthenticationMiddleware(Builder b) {
        this.backend = b.backend;
        this.onError = b.onError;
        this.timeout = b.timeout;
        this.listener = b.listener;
        this.challenges = List.copyOf(b.backend.challenges());
        challenges.forEach(Challenges::check);
    }

    /** A builder for the options: {@code onError}, timeout, listener. */
    public static Builder builder(AuthenticationBackend backend) {
        return new Builder(backend);
    }

    @Override
    public CompletionStage<Response> handle(Request request, Next next) {
        return authenticate(request, next, false);
    }

    /** The backend's needs: a {@code SessionBackend} needs {@code SessionMiddleware} before this middleware. */
    @Override
    public void checkPlacement(List<Middleware> outer) {
        backend.checkPlacement(outer);
    }

    @Override
    public CompletionStage<Response> handleWebSocket(Request handshake, Next next) {
        return authenticate(handshake, next, true);
    }

    private CompletionStage<Response> authenticate(Request request, Next next, boolean webSocket) {
        CompletionStage<Optional<AuthResult>> stage;
        try {
            stage = Objects.requireNonNull(backend.authenticate(request), "the backend returned null");
        } catch (Throwable t) {
            return proceedOrFail(request, next, webSocket, null, t);
        }
        CompletableFuture<Optional<AuthResult>> future = stage.toCompletableFuture();
        if (future.isDone()) {
            Optional<AuthResult> found;
            try {
                found = future.join();
            } catch (RuntimeException e) {
                return proceedOrFail(request, next, webSocket, null, unwrap(e));
            }
            return proceed(request, next, webSocket, found, null);
        }
        PendingAuthentication pending = new PendingAuthentication(request, next, webSocket, request.executor());
        future.whenComplete(pending);
        return pending.response;
    }

    /**
     * A backend still working: its answer (or the timeout, whichever comes first) is taken on
     * the connection's loop, which runs the rest of the chain. One object per request and the
     * connection's timeout slot, cleared when the answer comes.
     */
    private final class PendingAuthentication implements BiConsumer<Optional<AuthResult>, Throwable>, Runnable {
        final CompletableFuture<Response> response = new CompletableFuture<>();
        private final Request request;
        private final Next next;
        private final boolean webSocket;
        private final ConnectionExecutor loop;
        private final ConnectionExecutor.Cancellable timer;
        private Optional<AuthResult> found;
        private Throwable failure;
        private boolean settled;

        PendingAuthentication(Request request, Next next, boolean webSocket, ConnectionExecutor loop) {
            this.request = request;
            this.next = next;
            this.webSocket = webSocket;
            this.loop = loop;
            this.timer = loop.timeout(this::timedOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** The backend answered, on whatever thread. */
        @Override
        public void accept(Optional<AuthResult> found, Throwable failure) {
            this.found = found;
            this.failure = failure == null ? null : unwrap(failure);
            loop.run(this);
        }

        /** On the loop: carry on with the backend's answer. */
        @Override
        public void run() {
            settle(found, failure);
        }

        private void timedOut() {
            settle(null, new TimeoutException());
        }

        private void settle(Optional<AuthResult> found, Throwable failure) {
            if (settled) {
                return;
            }
            settled = true;
            timer.cancel();
            if (request.isDisconnected()) {
                // The client left while the backend worked: the rest of the chain would answer nobody.
                response.complete(UNAVAILABLE);
                return;
            }
            CompletionStage<Response> answer = proceedOrFail(request, next, webSocket, found, failure);
            if (answer instanceof CompletableFuture<Response> done && done.isDone() && !done.isCompletedExceptionally()) {
                response.complete(done.getNow(null));
                return;
            }
            answer.whenComplete((r, f) -> {
                if (f != null) {
                    response.completeExceptionally(f);
                } else {
                    response.complete(r);
                }
            });
        }
    }

    /** {@link #proceed}, its exceptions (a throwing listener or {@code onError}) turned into a failed stage. */
    private CompletionStage<Response> proceedOrFail(Request request, Next next, boolean webSocket,
                                                    Optional<AuthResult> found, Throwable failure) {
        try {
            return proceed(request, next, webSocket, found, failure);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Carries on with the backend's answer: {@code found}, or {@code failure} (unwrapped) when it failed. */
    private CompletionStage<Response> proceed(Request request, Next next, boolean webSocket,
                                              Optional<AuthResult> found, Throwable failure) {
        if (failure != null) {
            if (failure instanceof HttpException clientError) {
                // The request itself is malformed (a bad query string or cookie the backend read):
                // the client's error, answered like anywhere else in the app.
                return CompletableFuture.failedFuture(clientError);
            }
            return CompletableFuture.completedFuture(refuse(request, webSocket, failure));
        }
        Challenges.record(request, challenges);
        if (found == null || found.isEmpty()) {
            request.setAuthentication(UnauthenticatedUser.INSTANCE, AuthCredentials.none());
            listener.anonymous(request);
        } else {
            request.setAuthentication(found.get().user(), found.get().credentials());
            listener.authenticated(request, found.get().user());
        }
        if (listener != Builder.SILENT) {
            request.setAttribute(LISTENER, listener);
        }
        return next.handle(request);
    }

    /** The failure a stage was completed with, without the wrappers {@code join()} and {@code get()} add. */
    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private Response refuse(Request request, boolean webSocket, Throwable failure) {
        if (failure instanceof AuthenticationError error) {
            Challenges.record(request, error.challenge().map(c -> Challenges.replacing(challenges, c)).orElse(challenges));
            listener.failed(request, error);
            return webSocket ? Response.text(error.getMessage()).withStatus(403) : onError.apply(request, error);
        }
        if (failure instanceof TimeoutException) {
            LOG.warn("Authentication backend did not answer within {} ms for {} {}", timeout.toMillis(),
                request.method(), request.url().rawPath());
            return UNAVAILABLE;
        }
        if (failure instanceof AuthenticationBackend.BackendBusyException) {
            return UNAVAILABLE;
        }
        LOG.error("Authentication backend failed for {} {}", request.method(), request.url().rawPath(), failure);
        return SERVER_ERROR;
    }

    /** Options of an {@link AuthenticationMiddleware}. */
    public static final class Builder {
        private final AuthenticationBackend backend;
        private BiFunction<Request, AuthenticationError, Response> onError =
            (request, error) -> Response.text(error.getMessage()).withStatus(400);
        private Duration timeout = Duration.ofSeconds(5);
        private static final AuthenticationListener SILENT = new AuthenticationListener() {
        };
        private AuthenticationListener listener = SILENT;

        private Builder(AuthenticationBackend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
        }

        /** The HTTP response to bad credentials. Default: 400 text/plain with the error's message. */
        public Builder onError(BiFunction<Request, AuthenticationError, Response> onError) {
            this.onError = Objects.requireNonNull(onError, "onError");
            return this;
        }

        /** How long the backend may take before the client gets 503 (WebSocket: 1011). Default: 5 s. */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /** Hears outcomes, for metrics and audit. Default: none. */
        public Builder listener(AuthenticationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public AuthenticationMiddleware build() {
            return new AuthenticationMiddleware(this);
        }
    }
}
