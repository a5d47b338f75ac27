package io.nettle.benchmarks;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.auth.backends.SessionBackend;
import io.nettle.http.Response;
import io.nettle.middleware.SessionMiddleware;
import io.nettle.redis.Redis;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import java.util.Optional;

/**
 * What a session costs per request: {@code GET /me} answers the signed-in user's name from the
 * session, kept in the signed cookie ({@code --store cookie}) or in Redis ({@code --store redis
 * --redis URI}: the cookie holds an id, each request reads the session with one {@code HGETALL}).
 * {@code POST /login?user=tom} signs in; {@code GET /plaintext} is there for the load scripts'
 * readiness check. One event loop unless {@code --io-threads} says otherwise.
 */
public final class SessionLookupServer {
    private static final String KEY = "benchmark-session-key-of-32-bytes-or-more";

    private SessionLookupServer() {
    }

    public static void main(String[] argv) throws InterruptedException {
        Options options = new Options(argv);
        String store = options.string("store", "cookie");
        Optional<Redis> redis = store.equals("redis") ? Optional.of(Redis.connect(options.string("redis", "redis://127.0.0.1:6379")))
            : Optional.empty();
        SessionMiddleware.Builder sessions = SessionMiddleware.builder().secretKey(KEY);
        redis.ifPresent(shared -> sessions.store(shared.sessionStore()));
        App app = App.builder()
            .settings(ServerSettings.builder().ioThreads(options.integer("io-threads", 1)).build())
            .middleware(sessions.build(), new AuthenticationMiddleware(new SessionBackend()))
            .route(Route.get("/plaintext", Endpoint.sync(request -> Response.text("Hello, World!"))))
            .route(Route.post("/login", Endpoint.sync(request -> {
                SessionBackend.login(request.session(), request.queryParam("user").orElse("tom"), "authenticated");
                return Response.text("welcome");
            })))
            .route(Route.get("/me", Endpoint.sync(request -> Response.text(request.user().isAuthenticated()
                ? "Hello, " + request.user().displayName() + "!" : "anonymous"))))
            .build();
        try (Server server = app.serve("127.0.0.1", options.integer("port", 18090))) {
            System.out.println("session-lookup (" + store + ") on http://127.0.0.1:" + server.port() + "/");
            server.awaitShutdown();
        } finally {
            redis.ifPresent(Redis::close);
        }
    }
}
