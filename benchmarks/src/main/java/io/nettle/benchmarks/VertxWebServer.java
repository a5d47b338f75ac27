package io.nettle.benchmarks;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;
import io.vertx.ext.auth.authorization.PermissionBasedAuthorization;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthorizationHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.impl.AuthenticationHandlerImpl;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The bench contract in idiomatic Vert.x Web 5: a {@link Router}, an authentication handler
 * parsing HTTP Basic for a custom {@link AuthenticationProvider} (constant-time check of
 * {@code tom:secret}), an {@link AuthorizationHandler} requiring the {@code authenticated}
 * permission, and the WebSocket upgrade behind the same two handlers.
 * <pre>java -cp benchmarks/target/nettle-benchmarks.jar io.nettle.benchmarks.VertxWebServer --port 8082 --io-threads 1</pre>
 * Differences from the contract: an anonymous WebSocket handshake is refused with an HTTP 403
 * (not a 1008 close); responses carry no {@code Date} header (Vert.x adds none).
 */
public final class VertxWebServer {
    private static final String AUTHENTICATED = "authenticated";
    private static final ExecutorService STORE = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "vertx-user-store");
        thread.setDaemon(true);
        return thread;
    });

    private VertxWebServer() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int port = options.integer("port", 8082);
        int ioThreads = options.integer("io-threads", 1);
        String host = options.string("host", "127.0.0.1");
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(ioThreads)
            .setPreferNativeTransport(!options.string("transport", "epoll").equals("nio")));

        AuthenticationProvider completed = credentials -> {
            User user = verify(credentials);
            return user != null ? Future.succeededFuture(user) : Future.failedFuture(new HttpException(403));
        };
        AuthenticationProvider async = credentials -> {
            Context context = Vertx.currentContext();
            Promise<User> promise = Promise.promise();
            STORE.execute(() -> {
                User user = verify(credentials);
                context.runOnContext(v -> {
                    if (user != null) {
                        promise.complete(user);
                    } else {
                        promise.fail(new HttpException(403));
                    }
                });
            });
            return promise.future();
        };
        AuthorizationHandler authorized = AuthorizationHandler.create(PermissionBasedAuthorization.create(AUTHENTICATED));

        Router router = Router.router(vertx);
        router.get("/plaintext").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8")
            .end("Hello, World!"));
        router.get("/json").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("message", "Hello, World!").toBuffer()));
        router.get("/secure").handler(new BasicAuthentication(completed)).handler(authorized).handler(VertxWebServer::hello);
        router.get("/secure-async").handler(new BasicAuthentication(async)).handler(authorized).handler(VertxWebServer::hello);
        router.get("/ws").handler(new BasicAuthentication(completed)).handler(authorized).handler(ctx ->
            ctx.request().toWebSocket().onSuccess(ws -> ws.textMessageHandler(ws::writeTextMessage)));

        // HTTP/2 as the others serve it: h2c with prior knowledge on cleartext (Vert.x's default),
        // h2 chosen by ALPN with --tls-cert/--tls-key, on OpenSSL when it loads (as raw Netty's).
        HttpServerOptions serverOptions = new HttpServerOptions().setTcpNoDelay(true).setHttp2ClearTextEnabled(true)
            .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(100));
        if (options.has("tls-cert")) {
            serverOptions.setSsl(true).setUseAlpn(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(options.string("tls-cert", "")).setKeyPath(options.string("tls-key", "")));
            if (io.netty.handler.ssl.OpenSsl.isAvailable()) {
                serverOptions.setSslEngineOptions(new OpenSSLEngineOptions());
            }
        }
        HttpServer server = vertx.createHttpServer(serverOptions)
            .requestHandler(router)
            .listen(port, host)
            .await();
        System.out.printf("VertxWebServer serving on " + (options.has("tls-cert") ? "https" : "http") + "://%s:%d (%s, %d event loop(s))%n", host, server.actualPort(),
            vertx.isNativeTransportEnabled() ? "native" : "nio", ioThreads);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
        Thread.currentThread().join();
    }

    private static void hello(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8")
            .end("Hello, " + ctx.user().principal().getString("username") + "!");
    }

    /** The user for {@code tom:secret}, with the {@code authenticated} permission; {@code null} otherwise. */
    private static User verify(Credentials credentials) {
        UsernamePasswordCredentials basic = (UsernamePasswordCredentials) credentials;
        String user = BasicCheck.verify(basic.getUsername(), basic.getPassword());
        if (user == BasicCheck.ANONYMOUS) {
            return null;
        }
        User found = User.fromName(user);
        found.authorizations().put("bench", PermissionBasedAuthorization.create(AUTHENTICATED));
        return found;
    }

    /** HTTP Basic as the bench contract wants it: no credentials 403, malformed 400. */
    private static final class BasicAuthentication extends AuthenticationHandlerImpl<AuthenticationProvider> {
        private static final HttpException MISSING = new HttpException(403);
        private static final HttpException MALFORMED = new HttpException(400, "Invalid basic auth credentials");

        BasicAuthentication(AuthenticationProvider provider) {
            super(provider);
        }

        @Override
        public Future<User> authenticate(RoutingContext ctx) {
            String decoded = BasicCheck.decode(ctx.request().getHeader("Authorization"));
            if (decoded == null) {
                return Future.failedFuture(MISSING);
            }
            if (decoded == BasicCheck.MALFORMED) {
                return Future.failedFuture(MALFORMED);
            }
            int colon = decoded.indexOf(':');
            return authProvider.authenticate(new UsernamePasswordCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
    }
}
