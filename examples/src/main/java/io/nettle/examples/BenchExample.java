package io.nettle.examples;

import static io.nettle.auth.Guard.requires;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.auth.backends.BasicAuthBackend;
import io.nettle.http.BodyWriter;
import io.nettle.http.Connection;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Mount;
import io.nettle.routing.Route;
import io.nettle.routing.StaticFiles;
import io.nettle.security.Secrets;
import io.nettle.websocket.WebSocketRoute;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The benchmark contract (scripts outside the project rely on it; see {@code benchmarks/}):
 * <ul>
 *   <li>{@code GET /plaintext}: 200 {@code text/plain} {@code Hello, World!}</li>
 *   <li>{@code GET /json}: 200 {@code application/json} {@code {"message":"Hello, World!"}}, serialized by Jackson per request</li>
 *   <li>{@code GET /secure}: Basic {@code tom:secret} against tom's Argon2id hash, verified once per process
 *       off the event loop and then cached ({@link VerifiedCache}: constant-time, completed stage), {@code requires("authenticated")}:
 *       200 {@code Hello, tom!}; no header 403; malformed 400</li>
 *   <li>{@code GET /secure-async}: the same, the backend completing on another thread (a stand-in for an async user store)</li>
 *   <li>WebSocket {@code /ws}: the same Basic check on the handshake, {@code requires("authenticated")} (anonymous: 1008); echoes text</li>
 *   <li>{@code GET /stream}: 200 {@code application/octet-stream}, 64 KiB streamed ({@link Response#stream}) as
 *       {@value #STREAM_PIECES} writes of {@value #STREAM_PIECE} bytes, each once the previous write's stage completed
 *       (chunked on HTTP/1.1); every byte is {@code 'x'}</li>
 *   <li>{@code GET /static/...}: only with {@code --files DIR}, the files of {@code DIR} by
 *       {@code StaticFiles.directory(DIR).at("/static")} (zero-copy on cleartext HTTP/1.1, ETag, Range...)</li>
 * </ul>
 * Its paths are that contract, so it runs alone only (the showcase does not mount it).
 * <pre>
 * java -jar nettle-examples.jar bench --port 8000
 * curl localhost:8000/plaintext                   -> Hello, World!
 * curl -u tom:secret localhost:8000/secure        -> Hello, tom!
 * </pre>
 * {@code --files DIR} is read by this class's own {@code main}, not by the jar's entry point
 * (whose options are common to every example), so it is started by its class name:
 * <pre>
 * java -cp nettle-examples.jar io.nettle.examples.BenchExample --port 8000 --files /tmp/files
 * curl -o /dev/null localhost:8000/static/1mib.bin
 * </pre>
 */
public final class BenchExample {
    private static final Response PLAINTEXT = Response.text("Hello, World!");
    private static final Map<String, String> MESSAGE = Map.of("message", "Hello, World!");
    /** The streamed body of {@code /stream}: this many writes of {@link #STREAM_PIECE} bytes (64 KiB). */
    static final int STREAM_PIECES = 16;
    static final int STREAM_PIECE = 4096;
    /** One piece of {@code /stream}, never changed (a write does not copy it). */
    private static final byte[] PIECE = piece();
    /** tom's password, {@code secret}, as an Argon2id hash (PHC string): the app keeps no password. */
    private static final String TOM_HASH = "$argon2id$v=19$m=19456,t=2,p=1$r/MA22KBvdRMwkVqicXS5Q$Lal3L46WPVlsQGzb2PeKLgvLAREP9dsFMjDDFQL4f8k";

    public static void main(String[] argv) throws InterruptedException {
        // --files DIR is this example's own; the rest are the options common to every example.
        List<String> rest = new ArrayList<>(Arrays.asList(argv));
        Path files = null;
        int at = rest.indexOf("--files");
        if (at >= 0) {
            if (at + 1 >= rest.size()) {
                throw new IllegalArgumentException("--files needs a value");
            }
            files = Path.of(rest.remove(at + 1));
            rest.remove(at);
        }
        Arguments args = Arguments.parse(rest.toArray(String[]::new));
        try (Server server = app(args.settings(), files).serve(args.host(), args.port())) {
            args.printStarted("bench", server);
            server.awaitShutdown();
        }
    }

    public static App app(ServerSettings settings) {
        return app(settings, null);
    }

    /** The bench contract; with {@code files} (may be {@code null}) also the files under it at {@code /static}. */
    public static App app(ServerSettings settings, Path files) {
        BasicAuthBackend.Verifier tom = new VerifiedCache(BasicAuthBackend.Verifier.hashes(
            Map.of("tom", TOM_HASH), user -> AuthResult.user(user, "authenticated")));
        AuthenticationBackend completed = new BasicAuthBackend(tom);
        AuthenticationBackend async = new BasicAuthBackend(new UserStore(tom));
        Endpoint hello = Endpoint.sync(request -> Response.text("Hello, " + request.user().displayName() + "!"));
        App.Builder builder = App.builder()
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
            .route(Route.get("/stream", Endpoint.sync(request -> Response.stream("application/octet-stream",
                body -> writePieces(body, 0)))));
        if (files != null) {
            builder.route(StaticFiles.directory(files).at("/static"));
        }
        return builder.build();
    }

    /** Writes piece {@code n} and on of {@code /stream}, each once the previous write's stage completed; stops when the client left. */
    private static void writePieces(BodyWriter body, int n) {
        if (n == STREAM_PIECES) {
            body.end();
        } else {
            body.write(PIECE).thenRun(() -> writePieces(body, n + 1));
        }
    }

    private static byte[] piece() {
        byte[] piece = new byte[STREAM_PIECE];
        Arrays.fill(piece, (byte) 'x');
        return piece;
    }

    /**
     * A per-process cache of credentials already verified, so that {@code /secure} measures the
     * framework, not Argon2id (tens of milliseconds and 19 MiB a verification). Until a user's
     * password has been verified, each request of that user is verified against the stored hash,
     * off the event loop. After a success the SHA-256 digest of the password is kept in memory,
     * and every later request of that user is answered at once, compared in constant time: the
     * same password is in, any other is out (a stored hash has one password), so the soak's
     * wrong passwords cost no hashing either. Unknown users always cost a dummy verification.
     * The cache is per process (shared by the apps of the bench contract, whose table is the same)
     * and holds one entry per user of the table at most. It trades some protection (a fast
     * digest in memory) for speed: a benchmark's choice, documented, not a pattern for apps.
     */
    private static final class VerifiedCache implements BasicAuthBackend.Verifier {
        private final BasicAuthBackend.Verifier hashes;
        /** Per process: every app of the bench contract has the same table (tom's hash), so they share it. */
        private static final Map<String, Verified> VERIFIED = new java.util.concurrent.ConcurrentHashMap<>();

        VerifiedCache(BasicAuthBackend.Verifier hashes) {
            this.hashes = hashes;
        }

        private static final CompletableFuture<Optional<AuthResult>> WRONG = CompletableFuture.completedFuture(Optional.empty());

        /** A user's verified password (its SHA-256 digest) and the shared, completed result. */
        private record Verified(byte[] digest, CompletableFuture<Optional<AuthResult>> found) {
            CompletableFuture<Optional<AuthResult>> answer(String password) {
                return Secrets.matchesDigest(password, digest) ? found : WRONG;
            }
        }

        @Override
        public CompletionStage<Optional<AuthResult>> verify(String username, String password) throws Exception {
            Verified hit = VERIFIED.get(username);
            return hit != null ? hit.answer(password) : remember(username, password, hashes.verify(username, password));
        }

        @Override
        public CompletionStage<Optional<AuthResult>> verify(Connection connection, String username, String password) throws Exception {
            Verified hit = VERIFIED.get(username);
            return hit != null ? hit.answer(password) : remember(username, password, hashes.verify(connection, username, password));
        }

        private CompletionStage<Optional<AuthResult>> remember(String username, String password, CompletionStage<Optional<AuthResult>> result) {
            return result.thenApply(found -> {
                found.ifPresent(user -> VERIFIED.put(username,
                    new Verified(Secrets.sha256(password), CompletableFuture.completedFuture(found))));
                return found;
            });
        }
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
