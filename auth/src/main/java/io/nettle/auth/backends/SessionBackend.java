package io.nettle.auth.backends;

import com.fasterxml.jackson.databind.JsonNode;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.http.Connection;
import io.nettle.http.Session;
import io.nettle.middleware.Middleware;
import io.nettle.middleware.SessionMiddleware;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Authentication by the user a login handler stored in the session, for browser apps with a
 * login form. {@code SessionMiddleware} must run first (be given first, i.e. outermost):
 * <pre>{@code
 * App.builder()
 *     .middleware(SessionMiddleware.builder().secretKey(key).build(), new AuthenticationMiddleware(new SessionBackend()))
 *     .route(Route.post("/login", request -> request.form().thenApply(form -> {
 *         // check the password, then:
 *         SessionBackend.login(request.session(), username, "authenticated");
 *         return Response.redirect(SafeRedirects.next(request, "/"), 303);
 *     })))
 *     .route(Route.post("/logout", Endpoint.sync(request -> {
 *         SessionBackend.logout(request.session());
 *         return Response.redirect("/", 303);
 *     })))
 * }</pre>
 * By default the user is read from the session key {@value #KEY}, which holds
 * {@code {"username": "tom", "scopes": ["authenticated"]}} as {@link #login} writes it: the
 * result is a {@code SimpleUser} with those scopes. No such key, or a value of another shape:
 * anonymous. A mapper given to {@link #SessionBackend(Function)} replaces this reading, for
 * your own user class or keys. Every user found has the scope {@code authenticated}, added when
 * the stored scopes or the mapper's result leave it out. The backend has no challenge (a login
 * form is not an HTTP authentication scheme): guard its pages with a redirect to the form.
 * The backend never fails with {@code AuthenticationError}. It needs {@code SessionMiddleware}
 * to run before its {@code AuthenticationMiddleware}: otherwise the app's {@code build()} fails,
 * saying so.
 *
 * <p>The session is signed, not encrypted, and a cookie copied before a logout stays valid
 * until it expires: see {@code SessionMiddleware} for what that means.
 */
public final class SessionBackend implements AuthenticationBackend {
    /** The session key of the user that {@link #login} writes and the default mapper reads. */
    public static final String KEY = "user";

    private final Function<Session, Optional<AuthResult>> mapper;

    /** A backend reading the user that {@link #login} stored. */
    public SessionBackend() {
        this(SessionBackend::storedUser);
    }

    /** A backend reading the user with {@code mapper}; its empty answer means anonymous. */
    public SessionBackend(Function<Session, Optional<AuthResult>> mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public CompletionStage<Optional<AuthResult>> authenticate(Connection connection) {
        Optional<AuthResult> result = mapper.apply(connection.session());
        return CompletableFuture.completedFuture(result == null ? Optional.empty() : result.map(AuthResult::withAuthenticated));
    }

    /** The session is loaded by {@code SessionMiddleware}, which must therefore run first. */
    @Override
    public void checkPlacement(List<Middleware> outer) {
        if (outer.stream().noneMatch(SessionMiddleware.class::isInstance)) {
            throw new IllegalStateException("SessionBackend reads the session that SessionMiddleware loads, but no "
                + "SessionMiddleware runs before this AuthenticationMiddleware: install it first, as in "
                + "App.builder().middleware(SessionMiddleware.builder().secretKey(key).build(), "
                + "new AuthenticationMiddleware(new SessionBackend()))");
        }
    }

    /**
     * Records in {@code session} that {@code username} logged in with {@code scopes} (the
     * backend adds {@code "authenticated"} when reading it back). Other keys of the session
     * are kept; the session is {@linkplain Session#regenerate() regenerated} (a new id in a
     * server-side store, a new issue time) and {@linkplain Session#owner(String) owned} by
     * {@code username}, so that a store can revoke all of the user's sessions.
     */
    public static void login(Session session, String username, String... scopes) {
        Objects.requireNonNull(username, "username");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("username must not be empty");
        }
        session.regenerate().owner(username).put(KEY, Map.of("username", username, "scopes", List.of(scopes)));
    }

    /** Logs out by clearing the whole session, so that nothing of this user stays with the browser. */
    public static void logout(Session session) {
        session.clear();
    }

    /** The user {@link #login} stored, if the session holds one of that shape. */
    private static Optional<AuthResult> storedUser(Session session) {
        Optional<JsonNode> stored = session.get(KEY, JsonNode.class);
        if (stored.isEmpty() || !stored.get().path("username").isTextual() || stored.get().path("username").textValue().isEmpty()
            || !stored.get().path("scopes").isArray()) {
            return Optional.empty();
        }
        List<String> scopes = new ArrayList<>();
        for (JsonNode scope : stored.get().get("scopes")) {
            if (!scope.isTextual()) {
                return Optional.empty();
            }
            scopes.add(scope.textValue());
        }
        return Optional.of(AuthResult.user(stored.get().get("username").textValue(), scopes.toArray(String[]::new)));
    }
}
