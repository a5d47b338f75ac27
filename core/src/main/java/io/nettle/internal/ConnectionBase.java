package io.nettle.internal;

import io.nettle.App;
import io.nettle.http.AttributeKey;
import io.nettle.http.ClientAddress;
import io.nettle.http.Connection;
import io.nettle.http.ConnectionExecutor;
import io.nettle.http.Headers;
import io.nettle.http.Params;
import io.nettle.http.PathParams;
import io.nettle.http.Session;
import io.nettle.http.Url;
import io.nettle.security.AuthCredentials;
import io.nettle.security.BaseUser;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link Connection} over the {@link RequestState} of its request: what a request and a
 * WebSocket made by the server share. {@link RequestState#of(Connection)} is the way back to
 * the state, for Nettle's own modules.
 */
public abstract class ConnectionBase implements Connection {
    private final RequestState state;

    protected ConnectionBase(RequestState state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    /** The state behind this connection. */
    public final RequestState requestState() {
        return state;
    }

    @Override
    public Url url() {
        return state.url();
    }

    @Override
    public String path() {
        String[] segments = state.pathSegments();
        return segments.length == 0 ? "/" : "/" + String.join("/", segments);
    }

    @Override
    public Headers headers() {
        return state.headers();
    }

    @Override
    public Params queryParams() {
        return state.queryParams();
    }

    @Override
    public PathParams pathParams() {
        return state.pathParams();
    }

    @Override
    public Map<String, String> cookies() {
        return state.cookies();
    }

    @Override
    public ClientAddress client() {
        return state.client();
    }

    @Override
    public <T> Optional<T> attribute(AttributeKey<T> key) {
        return Optional.ofNullable(state.attribute(key));
    }

    @Override
    public <T> void setAttribute(AttributeKey<T> key, T value) {
        state.attribute(key, value);
    }

    @Override
    public BaseUser user() {
        BaseUser user = state.user();
        if (user == null) {
            throw notAuthenticated("user()");
        }
        return user;
    }

    @Override
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

    @Override
    public void setAuthentication(BaseUser user, AuthCredentials credentials) {
        state.authenticate(Objects.requireNonNull(user, "user"), Objects.requireNonNull(credentials, "credentials"));
    }

    @Override
    public Session session() {
        Session session = state.session();
        if (session == null) {
            throw new IllegalStateException("SessionMiddleware must be installed to access session(): add "
                + "App.builder().middleware(SessionMiddleware.builder().secretKey(key).build())");
        }
        return session;
    }

    @Override
    public void setSession(Session session) {
        state.session(Objects.requireNonNull(session, "session"));
    }

    @Override
    public List<X509Certificate> clientCertificates() {
        return state.clientCertificates();
    }

    @Override
    public App app() {
        return state.app();
    }

    @Override
    public ConnectionExecutor executor() {
        return state.loop();
    }

    @Override
    public <T> CompletionStage<T> runBlocking(Callable<T> work) {
        Objects.requireNonNull(work, "work");
        ConnectionExecutor loop = state.loop();
        CompletableFuture<T> result = new CompletableFuture<>();
        state.app().blockingExecutor().execute(() -> {
            T value;
            try {
                value = work.call();
            } catch (Throwable t) {
                loop.execute(() -> result.completeExceptionally(t));
                return;
            }
            loop.execute(() -> result.complete(value));
        });
        return result;
    }

    @Override
    public boolean isDisconnected() {
        return state.abandoned();
    }
}
