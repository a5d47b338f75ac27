package io.nettle.auth;

import io.nettle.http.Connection;
import io.nettle.http.HttpException;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.http.Url;
import io.nettle.routing.BuildCheck;
import io.nettle.routing.Endpoint;
import io.nettle.routing.RouteHiding;
import io.nettle.security.BaseUser;
import io.nettle.websocket.CloseCodes;
import io.nettle.websocket.WebSocketHandler;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Guards endpoints by the connection's scopes (Starlette's {@code requires}), for HTTP
 * endpoints, WebSocket handlers and, through {@link Requires @Requires}, methods of class-based
 * endpoints.
 * <pre>{@code
 * import static io.nettle.auth.Guard.requires;
 *
 * Route.get("/dashboard", requires("authenticated", Home::dashboard))
 * Route.post("/notes", requires("write", request -> request.json(Note.class).thenApply(notes::add)))
 * Route.get("/admin", requires("authenticated", "admin").status(404).wrap(Admin::index))
 * Route.get("/account", requires("authenticated").redirect("login").wrap(Account::show))
 * WebSocketRoute.of("/ws", requires("authenticated").wrapWebSocket(ws -> ws.accept()))
 * }</pre>
 * A connection lacking a scope gets {@code HttpException(status)} (default 403), or with
 * {@link #redirect(String)} a {@code 303} to that route with {@code next=<the original URL>};
 * with {@link #challenge()} an anonymous one gets {@code 401} with the backends'
 * {@code WWW-Authenticate} challenges instead (missing scopes of a signed-in user stay 403).
 * A WebSocket is closed with 1008 instead (status and redirect do not apply: a browser's
 * WebSocket cannot follow a redirect nor see a status). Guards are immutable; each option
 * returns a new one. A redirect to a route name the app does not have fails {@code build()}.
 * A guard with {@code status(404)} hides its route from those it denies: they get {@code 404}
 * for the route's other methods and its trailing-slash form too, never a {@code 405} or a
 * slash redirect that would show the route exists, unless another method of the path is
 * visible to them anyway ({@link RouteHiding}).
 *
 * <p>A guard treats a CORS preflight ({@code OPTIONS} with {@code Access-Control-Request-Method},
 * sent by browsers without credentials) like any request: a
 * {@link io.nettle.middleware.CorsMiddleware} placed before the {@link AuthenticationMiddleware}
 * answers preflights.
 */
public final class Guard {
    private final List<String> scopes;
    private final Predicate<Connection> test;
    private final int status;
    private final String redirect;
    private final boolean challenge;

    private Guard(List<String> scopes, Predicate<Connection> test, int status, String redirect, boolean challenge) {
        this.scopes = scopes;
        this.test = test;
        this.status = status;
        this.redirect = redirect;
        this.challenge = challenge;
    }

    /** A guard that requires every one of {@code scopes}. */
    public static Guard requires(String... scopes) {
        List<String> required = List.of(scopes);
        return new Guard(required, connection -> hasRequiredScope(connection, required), 403, null, false);
    }

    /** A guard that requires at least one of {@code scopes}. */
    public static Guard requiresAny(String... scopes) {
        List<String> any = List.of(scopes);
        return new Guard(any, connection -> any.stream().anyMatch(connection.auth()::has), 403, null, false);
    }

    /** A guard with a custom test of the connection (user, scopes, path parameters...). */
    public static Guard requiresThat(Predicate<Connection> test) {
        return new Guard(List.of(), Objects.requireNonNull(test, "test"), 403, null, false);
    }

    /**
     * A guard that the authenticated user's {@link BaseUser#identity()} equals the path
     * parameter {@code pathParam}: a user may only reach their own {@code /users/{id}}.
     */
    public static Guard identityMatches(String pathParam) {
        return requires("authenticated").and(connection ->
            connection.user().identity().equals(connection.pathParams().asMap().containsKey(pathParam)
                ? connection.pathParam(pathParam) : null));
    }

    /**
     * A guard on the user as an instance of your own {@code type}: anonymous users and users of
     * other types fail it. E.g. {@code requiresUser(StaffUser.class, u -> u.roles().contains("editor"))}.
     */
    public static <U extends BaseUser> Guard requiresUser(Class<U> type, Predicate<? super U> test) {
        Objects.requireNonNull(test, "test");
        return requiresThat(connection -> type.isInstance(connection.user()) && test.test(type.cast(connection.user())));
    }

    /** Whether {@code connection} has every one of {@code scopes}. */
    public static boolean hasRequiredScope(Connection connection, List<String> scopes) {
        for (String scope : scopes) {
            if (!connection.auth().has(scope)) {
                return false;
            }
        }
        return true;
    }

    /** {@code endpoint}, guarded by every one of {@code scopes}... the last argument. */
    public static Endpoint requires(String scope, Endpoint endpoint) {
        return requires(scope).wrap(endpoint);
    }

    /** {@code endpoint}, guarded by every one of {@code scopes}. */
    public static Endpoint requires(List<String> scopes, Endpoint endpoint) {
        return requires(scopes.toArray(String[]::new)).wrap(endpoint);
    }

    /** This guard, also requiring {@code test}. */
    public Guard and(Predicate<Connection> more) {
        Objects.requireNonNull(more, "more");
        return new Guard(scopes, test.and(more), status, redirect, challenge);
    }

    /** This guard answering a denied HTTP request with {@code status}. Default: 403. */
    public Guard status(int status) {
        io.nettle.http.Status.check(status);
        return new Guard(scopes, test, status, redirect, challenge);
    }

    /** This guard redirecting a denied HTTP request (303) to the route named {@code routeName}, with {@code next}. */
    public Guard redirect(String routeName) {
        return new Guard(scopes, test, status, Objects.requireNonNull(routeName, "routeName"), challenge);
    }

    /**
     * This guard answering an <em>anonymous</em> HTTP request {@code 401} with the
     * {@code WWW-Authenticate} challenges of the backends ({@link Challenges#of}: one line each),
     * so that a browser asks for a password and a client knows how to authenticate. An
     * authenticated user lacking a scope still gets {@link #status} (403) or {@link #redirect}:
     * asking again for credentials would not help. Without any challenge (a session or client
     * certificate backend, no middleware) the anonymous request is denied as without this option.
     * A user who sent a bearer token that lacks a scope, denied with the default 403, also gets
     * RFC 6750's {@code WWW-Authenticate: Bearer ..., error="insufficient_scope", scope="..."}
     * (the scope attribute names the guard's scopes). A WebSocket is closed with 1008 as always.
     * Default: off, as in Starlette.
     */
    public Guard challenge() {
        return new Guard(scopes, test, status, redirect, true);
    }

    /** Whether {@code connection} passes this guard. */
    public boolean allows(Connection connection) {
        return test.test(connection);
    }

    /** {@code endpoint}, guarded. */
    public Endpoint wrap(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return new GuardedEndpoint(this, endpoint);
    }

    /**
     * {@code handler}, guarded: a denied connection is closed with 1008 before it is accepted.
     * (A name of its own, not an overload of {@link #wrap(Endpoint)}, so that a lambda without
     * parameter types is never ambiguous.)
     */
    public WebSocketHandler wrapWebSocket(WebSocketHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return webSocket -> {
            if (allows(webSocket)) {
                handler.handle(webSocket);
            } else {
                reportDenial(webSocket);
                webSocket.close(CloseCodes.POLICY_VIOLATION, "Forbidden");
            }
        };
    }

    private void reportDenial(Connection connection) {
        connection.attribute(AuthenticationMiddleware.LISTENER).ifPresent(l -> l.denied(connection, scopes));
    }

    /**
     * The message for {@code redirect(name)} naming no route: redirect takes a route's name, not
     * a path, and shows how to name one.
     */
    static String unknownRedirect(String name, Set<String> routeNames) {
        String leaf = name.replaceAll("^/+|/+$", "").replace('/', '-');
        String example = leaf.isEmpty() ? "home" : leaf;
        String fix = "; redirect(...) takes the name of a route, not a path: name the route with "
            + "Route.get(\"/" + (leaf.isEmpty() ? "" : name.replaceAll("^/+", "")) + "\", ...).name(\"" + example
            + "\") and write requires(...).redirect(\"" + example + "\")";
        String known = routeNames.isEmpty() ? " (no route has a name yet)" : "; named routes: " + new java.util.TreeSet<>(routeNames);
        return "requires(...).redirect(\"" + name + "\") names no route" + known + fix;
    }

    /** The response (or exception) for a denied HTTP request. */
    private Response deny(Request request) {
        reportDenial(request);
        if (challenge && !request.user().isAuthenticated()) {
            List<String> challenges = Challenges.of(request);
            if (!challenges.isEmpty()) {
                throw new Challenges.Unauthorized(challenges);
            }
        } else if (challenge && redirect == null && status == 403) {
            Challenges.insufficientScope(request, scopes).ifPresent(bearer -> {
                throw new HttpException(403, null, java.util.Map.of("WWW-Authenticate", bearer));
            });
        }
        if (redirect == null) {
            throw new HttpException(status);
        }
        String next = Url.encodeQueryValue(request.url().toString());
        return Response.redirect(request.urlFor(redirect) + "?next=" + next, 303);
    }

    /** A guarded HTTP endpoint; checks its redirect target when the app is built. */
    private record GuardedEndpoint(Guard guard, Endpoint endpoint) implements Endpoint, BuildCheck, RouteHiding {
        @Override
        public java.util.concurrent.CompletionStage<Response> handle(Request request) throws Exception {
            if (!guard.allows(request)) {
                return CompletableFuture.completedFuture(guard.deny(request));
            }
            return endpoint.handle(request);
        }

        /**
         * A guard answering {@code 404} (and not redirecting) hides its route from those it
         * denies: the router answers them {@code 404} for the route's other methods and its
         * trailing-slash form too, instead of a {@code 405} or a redirect.
         */
        @Override
        public boolean hides(Request request) {
            if (!guard.allows(request)) {
                // An anonymous user this guard challenges gets a 401, not a 404: nothing is hidden from it.
                boolean challenged = guard.challenge && !request.user().isAuthenticated() && !Challenges.of(request).isEmpty();
                return guard.redirect == null && guard.status == 404 && !challenged;
            }
            return endpoint instanceof RouteHiding inner && inner.hides(request);
        }

        @Override
        public void check(Set<String> routeNames) {
            if (guard.redirect != null && !routeNames.contains(guard.redirect)) {
                throw new IllegalArgumentException(unknownRedirect(guard.redirect, routeNames));
            }
            if (endpoint instanceof BuildCheck inner) {
                inner.check(routeNames);
            }
        }
    }
}
