package io.nettle.http;

import io.nettle.App;
import io.nettle.security.AuthCredentials;
import io.nettle.security.BaseUser;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

/**
 * What an HTTP request and a WebSocket have in common (Starlette's {@code HTTPConnection}):
 * the URL, headers, query and path parameters, cookies, the client's address, typed attributes
 * set by middleware, and reverse routing with {@link #urlFor}.
 *
 * <p>A connection belongs to one event-loop thread ({@link #executor()}). Its methods may be
 * called from any thread, but attributes are not synchronized: set them in middleware before
 * calling {@code next}, read them in the endpoint.
 *
 * <p>The setters below ({@link #setAuthentication}, {@link #setSession}) and
 * {@link #isDisconnected()}, {@link #executor()} and {@link #runBlocking} are what middleware
 * needs beyond reading the request: Nettle's own authentication and session middleware use
 * nothing else. Connections are made by the server only: this interface is not for implementing.
 */
public interface Connection {

    /**
     * The URL the client addressed: from a trusted proxy, with the scheme, host and port it
     * forwarded (see {@link io.nettle.ServerSettings#trustedProxies()}).
     */
    Url url();

    /** The decoded path, e.g. {@code /files/a b} for {@code /files/a%20b}. */
    String path();

    /** The request headers. */
    Headers headers();

    /** The first value of the header {@code name}, if present. */
    default Optional<String> header(String name) {
        return headers().get(name);
    }

    /** The decoded query parameters. A malformed query string is a 400 for the client. */
    Params queryParams();

    /** The first value of the query parameter {@code name}, if present. */
    default Optional<String> queryParam(String name) {
        return queryParams().get(name);
    }

    /** The converted path parameters of the matched route. */
    PathParams pathParams();

    /** The value of the path parameter {@code name} as text, whatever its converter. */
    default String pathParam(String name) {
        return pathParams().getString(name);
    }

    /** The cookies the client sent, by name (the first wins where a name repeats). */
    Map<String, String> cookies();

    /** The cookie {@code name}, if the client sent it. */
    default Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies().get(name));
    }

    /** The client: the socket's peer, or from a trusted proxy the client it forwarded. */
    ClientAddress client();

    /** The attribute stored under {@code key}, if any. */
    <T> Optional<T> attribute(AttributeKey<T> key);

    /** Stores {@code value} under {@code key} for the rest of this request; {@code null} removes it. */
    <T> void setAttribute(AttributeKey<T> key, T value);

    /**
     * The user that authentication attached: a {@link io.nettle.security.SimpleUser}, your own
     * {@link BaseUser}, or {@link io.nettle.security.UnauthenticatedUser} for an anonymous connection.
     *
     * @throws IllegalStateException when no {@code AuthenticationMiddleware} ran for this connection
     */
    BaseUser user();

    /**
     * The user as {@code type}, for apps with their own {@link BaseUser} class.
     *
     * @throws IllegalStateException when no authentication middleware ran, or the user is of another type
     *                               (an anonymous connection's user is an {@code UnauthenticatedUser})
     */
    default <U extends BaseUser> U user(Class<U> type) {
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
    AuthCredentials auth();

    /**
     * Attaches the outcome of authentication, read afterwards through {@link #user()} and
     * {@link #auth()}: for authentication middleware ({@code UnauthenticatedUser.INSTANCE} and
     * {@code AuthCredentials.none()} for an anonymous connection).
     */
    void setAuthentication(BaseUser user, AuthCredentials credentials);

    /**
     * The session that {@code SessionMiddleware} loaded from its signed cookie: empty for a new
     * visitor or an invalid cookie. Changes are saved with the HTTP response; a WebSocket's
     * session is read-only.
     *
     * @throws IllegalStateException when no {@code SessionMiddleware} ran for this connection
     */
    Session session();

    /** Attaches the session that {@link #session()} returns: for session middleware. */
    void setSession(Session session);

    /**
     * The certificate chain the client presented and the server verified (leaf first), on a TLS
     * connection whose server asks for client certificates ({@code Tls.clientAuth}); empty
     * otherwise.
     */
    List<X509Certificate> clientCertificates();

    /** The application serving this connection. */
    App app();

    /**
     * The executor of this connection's event loop. Continuations scheduled on it
     * ({@code stage.thenApplyAsync(f, request.executor())}) run in order with the connection's
     * own work. Never block in them; use {@link #runBlocking} for blocking work.
     */
    ConnectionExecutor executor();

    /**
     * Runs blocking {@code work} (JDBC, password hashing, a blocking client) on the app's bounded
     * worker pool; the stage completes on this connection's event loop, so what continues from it
     * runs there.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the pool and its queue are full
     */
    <T> CompletionStage<T> runBlocking(Callable<T> work);

    /**
     * Whether the client left before it was answered (its connection closed). Middleware that
     * waited for something may stop there instead of doing the rest of the work for nobody.
     */
    boolean isDisconnected();

    /**
     * The absolute URL of the route named {@code name}, built on this request's origin.
     *
     * @throws IllegalArgumentException when no route has that name or a parameter is missing
     */
    default String urlFor(String name, Map<String, ?> pathParams) {
        return url().origin() + app().urlPathFor(name, pathParams);
    }

    /** The absolute URL of the route named {@code name}, which has no path parameters. */
    default String urlFor(String name) {
        return urlFor(name, Map.of());
    }
}
