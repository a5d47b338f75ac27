package io.nettle.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.http.Response;
import io.nettle.middleware.SessionMiddleware;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.websocket.WebSocketHandler;
import io.nettle.websocket.WebSocketRoute;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;

/**
 * BlockHound watches every event-loop thread of real servers while requests go through each
 * kind of endpoint (sync, async, {@link Endpoint#blocking}), each kind of authentication
 * backend (sync, async, {@link AuthenticationBackend#blocking}), the session middleware and a
 * WebSocket echo: none of them may block a loop. A sleeping endpoint on the loop is the control
 * that the watch works.
 *
 * <p>BlockHound instruments the JVM for good, so this class runs in a surefire execution of its
 * own (see this module's pom), with the {@code -XX:+AllowRedefinitionToAddDeleteMethods} it
 * needs on Java 13 and later.
 */
class BlockHoundTest {
    private static final long WAIT_SECONDS = 10;
    private static final byte[] SESSION_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Blocking calls seen on an event loop: "method on thread". */
    private static final Queue<String> DETECTED = new ConcurrentLinkedQueue<>();
    private static final Executor LATER = CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(WAIT_SECONDS)).build();

    @BeforeAll
    static void installBlockHound() {
        // Netty's own integration (loaded by install) marks its event-loop threads as non-blocking;
        // the name check states the same for Nettle's loops, should that integration ever change.
        BlockHound.install(builder -> builder
            .nonBlockingThreadPredicate(current -> current.or(thread -> thread.getName().startsWith("nettle-io")))
            .blockingMethodCallback(method -> DETECTED.add(method + " on " + Thread.currentThread().getName())));
    }

    @BeforeEach
    void forgetEarlierDetections() {
        DETECTED.clear();
    }

    @Test
    void noEndpointKindBackendKindSessionOrWebSocketBlocksAnEventLoop() throws Exception {
        Map<String, AuthenticationBackend> backends = Map.of(
            "sync", AuthenticationBackend.sync(connection -> user(connection.headers().get("X-User"))),
            "async", connection -> CompletableFuture.supplyAsync(() -> user(connection.headers().get("X-User")), LATER),
            "blocking", AuthenticationBackend.blocking(connection -> {
                Thread.sleep(5);
                return user(connection.headers().get("X-User"));
            }));
        for (var backend : backends.entrySet()) {
            try (Server server = app(backend.getValue()).serve("127.0.0.1", 0)) {
                String base = "http://127.0.0.1:" + server.port();
                for (String path : List.of("/sync", "/async", "/blocking")) {
                    assertThat(get(base + path, "alice").body()).as(backend.getKey() + " " + path).isEqualTo(path.substring(1) + " alice");
                    assertThat(get(base + path, null).body()).as(backend.getKey() + " " + path).isEqualTo(path.substring(1) + " anonymous");
                }
                assertThat(send(HttpRequest.newBuilder(URI.create(base + "/body"))
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000))).build()).body()).isEqualTo("100000");

                HttpResponse<String> first = get(base + "/session", "alice");
                String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
                assertThat(first.body()).isEqualTo("1");
                assertThat(send(HttpRequest.newBuilder(URI.create(base + "/session")).header("Cookie", cookie).build()).body())
                    .isEqualTo("2");

                assertThat(echo(server, "hello")).isEqualTo("hello");
            }
        }
        assertThat(DETECTED).as("blocking calls on an event loop").isEmpty();
    }

    @Test
    void aJwksUrlIsFetchedOffTheEventLoopAndAnOutageDoesNotBlockIt() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        java.security.KeyPair keys = generator.generateKeyPair();
        String jwks = new com.nimbusds.jose.jwk.JWKSet(new com.nimbusds.jose.jwk.RSAKey.Builder(
            (java.security.interfaces.RSAPublicKey) keys.getPublic()).keyID("k1").build()).toString();
        String token = io.nettle.auth.backends.JwtIssuer.rs256(keys).keyId("k1").build().issue("alice");
        String unknownKid = io.nettle.auth.backends.JwtIssuer.rs256(keys).keyId("k2").build().issue("alice");
        Server keyServer = App.builder().route(Route.get("/jwks.json", Endpoint.sync(request -> Response.text(jwks)))).build()
            .serve("127.0.0.1", 0);
        URI url = URI.create("http://127.0.0.1:" + keyServer.port() + "/jwks.json");
        AuthenticationBackend backend = io.nettle.auth.backends.JwtBearerBackend.builder().jwks(url)
            .jwksRefreshLimit(Duration.ofMillis(1)).build();
        try (keyServer; Server server = app(backend).serve("127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + server.port();
            assertThat(bearer(base + "/sync", token).body()).isEqualTo("sync alice");
            assertThat(bearer(base + "/async", unknownKid).statusCode()).isEqualTo(400);
            keyServer.close();
            Thread.sleep(5);
            assertThat(bearer(base + "/sync", unknownKid).statusCode()).isEqualTo(400);
            assertThat(bearer(base + "/sync", token).body()).isEqualTo("sync alice");
        }
        assertThat(DETECTED).as("blocking calls on an event loop").isEmpty();
    }

    private HttpResponse<String> bearer(String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSleepOnTheEventLoopIsDetected() throws Exception {
        try (Server server = app(AuthenticationBackend.sync(connection -> Optional.empty())).serve("127.0.0.1", 0)) {
            assertThat(get("http://127.0.0.1:" + server.port() + "/sleep-on-loop", null).body()).isEqualTo("slept");
        }
        assertThat(DETECTED).anySatisfy(call -> assertThat(call).contains("java.lang.Thread.sleep").contains("nettle-io"));
    }

    private static Optional<AuthResult> user(Optional<String> name) {
        return name.map(n -> AuthResult.user(n, "authenticated"));
    }

    private static App app(AuthenticationBackend backend) {
        WebSocketHandler echo = ws -> {
            ws.accept();
            ws.onText(ws::sendText);
        };
        return App.builder()
            .middleware(SessionMiddleware.builder().secretKey(SESSION_KEY).build())
            .middleware(new AuthenticationMiddleware(backend))
            .route(Route.get("/sync", Endpoint.sync(request -> Response.text("sync " + name(request)))))
            .route(Route.get("/async", request -> CompletableFuture.supplyAsync(() -> Response.text("async " + name(request)), LATER)))
            .route(Route.get("/blocking", Endpoint.blocking(request -> {
                Thread.sleep(5);
                return Response.text("blocking " + name(request));
            })))
            .route(Route.post("/body", request -> request.body().thenApply(bytes -> Response.text(String.valueOf(bytes.length)))))
            .route(Route.get("/session", Endpoint.sync(request -> {
                int count = request.session().get("count", Integer.class).orElse(0) + 1;
                request.session().put("count", count);
                return Response.text(String.valueOf(count));
            })))
            .route(Route.get("/sleep-on-loop", Endpoint.sync(request -> {
                Thread.sleep(1);
                return Response.text("slept");
            })))
            .route(WebSocketRoute.of("/ws", echo))
            .build();
    }

    private static String name(io.nettle.http.Request request) {
        return request.user().isAuthenticated() ? request.user().displayName() : "anonymous";
    }

    private HttpResponse<String> get(String url, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (user != null) {
            request.header("X-User", user);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(request.uri().toString()).isEqualTo(200);
        return response;
    }

    /** Sends {@code text} over a WebSocket to {@code /ws} and returns the first message back. */
    private String echo(Server server, String text) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                    reply.complete(data.toString());
                    return null;
                }
            })
            .get(WAIT_SECONDS, TimeUnit.SECONDS);
        ws.sendText(text, true);
        try {
            return reply.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
