package io.nettle.http;

import io.nettle.App;
import io.nettle.internal.Internals;
import io.nettle.internal.RequestState;
import io.nettle.security.AuthCredentials;
import io.nettle.security.BaseUser;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * What an HTTP request and a WebSocket have in common (Starlette's {@code HTTPConnection}):
 * the URL, headers, query and path parameters, cookies, the client's address, typed attributes
 * set by middleware, and reverse routing with {@link #urlFor}.
 *
 * <p>A connection belongs to one event-loop thread. Its methods may be called from any thread,
 * but attributes are not synchronized: set them in middleware before calling {@code next}, read
 * them in the endpoint.
 */
public abstract class Connection {
    static {
        Internals.registerStates(connection -> connection.state);
    }

    private final RequestState state;

    /** For {@link Request} and {@code WebSocket} only. */
    protected Connection(RequestState state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    /** The URL the client addressed. */
    public Url url() {
        return state.url();
    }

    /** The decoded path, e.g. {@code /files/a b} for {@code /files/a%20b}. */
    public String path() {
        String[] segments = state.pathSegments();
        return segments.length == 0 ? "/" : "/" + String.join("/", segments);
    }

    /** The request headers. */
    public Headers headers() {
        return state.headers();
    }

    /** The first value of the header {@code name}, if present. */
    public Optional<String> header(String name) {
        return state.headers().get(name);
    }

    /** The decoded query parameters. A malformed query string is a 400 for the client. */
    public Params queryParams() {
        return state.queryParams();
    }

    /** The first value of the query parameter {@code name}, if present. */
    public Optional<String> queryParam(String name) {
        return state.queryParams().get(name);
    }

    /** The converted path parameters of the matched route. */
    public PathParams pathParams() {
        return state.pathParams();
    }

    /** The value of the path parameter {@code name} as text, whatever its converter. */
    public String pathParam(String name) {
        return state.pathParams().getString(name);
    }

    /** The cookies the client sent, by name (the first wins where a name repeats). */
    public Map<String, String> cookies() {
        return state.cookies();
    }

    /** The cookie {@code name}, if the client sent it. */
    public Optional<String> cookie(String name) {
        return Optional.ofNullable(state.cookies().get(name));
    }

    /** The address of the client's end of the socket. */
    public ClientAddress client() {
        return state.client();
    }

    /** The attribute stored under {@code key}, if any. */
    public <T> Optional<T> attribute(AttributeKey<T> key) {
        return Optional.ofNullable(state.attribute(key));
    }

    /** Stores {@code value} under {@code key} for the rest of this request; {@code null} removes it. */
    public <T> void setAttribute(AttributeKey<T> key, T value) {
        state.attribute(key, value);
    }

    /**
     * The user that authentication attached: a {@link io.nettle.security.SimpleUser}, your own
     * {@link BaseUser}, or {@link io.nettle.security.UnauthenticatedUser} for an anonymous connection.
     *
     * @throws IllegalStateException when no {@code AuthenticationMiddleware} ran for this connection
     */
    public BaseUser user() {
        BaseUser user = state.user();
        if (user == null) {
            throw notAuthenticated("user()");
        }
        return user;
    }

    /**
     * The user as {@code type}, for apps with their own {@link BaseUser} class.
     *
     * @throws IllegalStateException when no authentication middleware ran, or the user is of another type
     *                               (an anonymous connection's user is an {@code UnauthenticatedUser})
     */
    public <U extends BaseUser> U user(Class<U> type) {
        BaseUser user = user();
        if (!type.isInstance(user)) {
            throw new IllegalStateException("the user is a " + user.getClass().getSimpleName() + ", not a "
                + type.getSimpleName() + (user.isAuthenticated() ? "" : " (the connection is anonymous)"));
        }
        return type.cast(user);
    }

    /**
     * The credentials (scopes) that authentication granted; none for an anonymous connection.
     *
     * @throws IllegalStateException when no {@code AuthenticationMiddleware} ran for this connection
     */
    public AuthCredentials auth() {
        AuthCredentials credentials = state.credentials();
        if (credentials == null) {
            throw notAuthenticated("auth()");
        }
        return credentials;
    }

    private static IllegalStateException notAuthenticated(String what) {
        return new IllegalStateException("AuthenticationMiddleware must be installed to access " + what
            + ": add App.builder().middleware(new AuthenticationMiddleware(backend)) (module nettle-auth)");
    }

    /**
     * The session that {@code SessionMiddleware} loaded from its signed cookie: empty for a new
     * visitor or an invalid cookie. Changes are saved with the HTTP response; a WebSocket's
     * session is read-only.
     *
     * @throws IllegalStateException when no {@code SessionMiddleware} ran for this connection
     */
    public Session session() {
        Session session = state.session();
        if (session == null) {
            throw new IllegalStateException("SessionMiddleware must be installed to access session(): add "
                + "App.builder().middleware(SessionMiddleware.builder().secretKey(key).build())");
        }
        return session;
    }

    /** The application serving this connection. */
    public App app() {
        return state.app().app();
    }

    /**
     * The executor of this connection's event loop. Continuations scheduled on it
     * ({@code stage.thenApplyAsync(f, request.executor())}) run in order with the connection's
     * own work. Never block in them; use {@link App#blockingExecutor()} for blocking work.
     */
    public Executor executor() {
        return state.loop();
    }

    /**
     * The absolute URL of the route named {@code name}, built on this request's origin.
     *
     * @throws IllegalArgumentException when no route has that name or a parameter is missing
     */
    public String urlFor(String name, Map<String, ?> pathParams) {
        return url().origin() + app().urlPathFor(name, pathParams);
    }

    /** The absolute URL of the route named {@code name}, which has no path parameters. */
    public String urlFor(String name) {
        return urlFor(name, Map.of());
    }

    /** The internal state; for Nettle's own modules. */
    protected final RequestState connectionState() {
        return state;
    }
}
