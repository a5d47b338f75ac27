package io.nettle.examples;

import static io.nettle.auth.Guard.requires;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.auth.backends.BasicAuthBackend;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Mount;
import io.nettle.routing.Route;
import io.nettle.websocket.WebSocketRoute;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The benchmark contract (scripts outside the project rely on it; see {@code benchmarks/}):
 * <ul>
 *   <li>{@code GET /plaintext}: 200 {@code text/plain} {@code Hello, World!}</li>
 *   <li>{@code GET /json}: 200 {@code application/json} {@code {"message":"Hello, World!"}}, serialized by Jackson per request</li>
 *   <li>{@code GET /secure}: Basic {@code tom:secret} (constant-time, completed stage), {@code requires("authenticated")}:
 *       200 {@code Hello, tom!}; no header 403; malformed 400</li>
 *   <li>{@code GET /secure-async}: the same, the backend completing on another thread (a stand-in for an async user store)</li>
 *   <li>WebSocket {@code /ws}: the same Basic check on the handshake, {@code requires("authenticated")} (anonymous: 1008); echoes text</li>
 * </ul>
 * Its paths are that contract, so it runs alone only (the showcase does not mount it).
 * <pre>
 * java -jar nettle-examples.jar bench --port 8000
 * curl localhost:8000/plaintext                   -> Hello, World!
 * curl -u tom:secret localhost:8000/secure        -> Hello, tom!
 * </pre>
 */
public final class BenchExample {
    private static final Response PLAINTEXT = Response.text("Hello, World!");
    private static final Map<String, String> MESSAGE = Map.of("message", "Hello, World!");

    public static void main(String[] argv) throws InterruptedException {
        Arguments args = Arguments.parse(argv);
        try (Server server = app(args.settings()).serve(args.host(), args.port())) {
            args.printStarted("bench", server);
            server.awaitShutdown();
        }
    }

    public static App app(ServerSettings settings) {
        BasicAuthBackend.Verifier tom = BasicAuthBackend.Verifier.passwords(
            Map.of("tom", "secret"), user -> AuthResult.user(user, "authenticated"));
        AuthenticationBackend completed = new BasicAuthBackend(tom);
        AuthenticationBackend async = new BasicAuthBackend(new UserStore(tom));
        Endpoint hello = Endpoint.sync(request -> Response.text("Hello, " + request.user().displayName() + "!"));
        return App.builder()
            .settings(settings)
            .route(Route.get("/plaintext", Endpoint.sync(request -> PLAINTEXT)))
            .route(Route.get("/json", Endpoint.sync(request -> Response.json(MESSAGE))))
            .route(Mount.of("/secure", Route.get("", requires("authenticated", hello)))
                .middleware(new AuthenticationMiddleware(completed)))
            .route(Mount.of("/secure-async", Route.get("", requires("authenticated", hello)))
                .middleware(new AuthenticationMiddleware(async)))
            .route(Mount.of("/ws", WebSocketRoute.of("", requires("authenticated").wrapWebSocket(ws -> {
                ws.accept();
                ws.onText(ws::sendText);
            }))).middleware(new AuthenticationMiddleware(completed)))
            .build();
    }

    /** A verifier answering on a thread of its own, as a remote or async user store would. */
    private static final class UserStore implements BasicAuthBackend.Verifier {
        private static final ExecutorService STORE = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "bench-user-store");
            thread.setDaemon(true);
            return thread;
        });
        private final BasicAuthBackend.Verifier delegate;

        UserStore(BasicAuthBackend.Verifier delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableFuture<Optional<AuthResult>> verify(String username, String password) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return delegate.verify(username, password).toCompletableFuture().join();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, STORE);
        }
    }
}
