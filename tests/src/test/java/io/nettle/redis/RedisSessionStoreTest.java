package io.nettle.redis;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.nettle.App;
import io.nettle.ServerSettings;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.auth.backends.SessionBackend;
import io.nettle.http.Response;
import io.nettle.middleware.SessionMiddleware;
import io.nettle.middleware.SessionStore;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testing.RawSocket;
import io.nettle.testing.SessionRoutes;
import io.nettle.testkit.RedisServer;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.Wire;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server-side sessions in a real Redis shared by two instances (two servers in this JVM): a
 * session started on one is used on the other, a logout or a revocation on one holds on the
 * other at once, and a Redis that is down or hangs makes requests with a session fail closed.
 */
class RedisSessionStoreTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static final String KEY = "k".repeat(32) + "-redis-sessions";
    private static final AtomicInteger TESTS = new AtomicInteger();

    private final String prefix = "sessions-test-" + TESTS.incrementAndGet() + ":";
    private Redis redis;
    private TestClient one;
    private TestClient two;

    @AfterEach
    void close() {
        for (AutoCloseable open : new AutoCloseable[] {one, two, redis}) {
            if (open != null) {
                try {
                    open.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Two instances of one app on one Redis (with {@code commandTimeout}). */
    private void instances(Duration commandTimeout) {
        redis = Redis.builder(REDIS.uri()).keyPrefix(prefix).commandTimeout(commandTimeout).maxReconnectDelay(Duration.ofMillis(200)).build();
        one = TestClient.of(app(redis.sessionStore()), Wire.NIO);
        two = TestClient.of(app(redis.sessionStore()), Wire.NIO);
    }

    /** {@link SessionRoutes#loginLogoutNoteMe()}, POST /revoke?user=X (all of X's sessions), GET /ping (no session). */
    private static App app(SessionStore store) {
        return App.builder()
            .settings(ServerSettings.builder().ioThreads(1).build())
            .middleware(SessionMiddleware.builder().secretKey(KEY).store(store).maxAge(Duration.ofHours(2)).build(),
                new AuthenticationMiddleware(new SessionBackend()))
            .route(SessionRoutes.loginLogoutNoteMe())
            .route(Route.post("/revoke", request -> store.deleteAllOf(request.queryParam("user").orElseThrow())
                .thenApply(done -> Response.text("revoked"))))
            .route(Route.get("/ping", Endpoint.sync(request -> Response.text("pong"))))
            .build();
    }

    /** {@code to} gets {@code from}'s session cookie: the load balancer sent the same browser elsewhere. */
    private static void carryCookie(TestClient from, TestClient to) {
        to.cookie("session", from.cookies().get("session"));
    }

    private List<String> keys() {
        RedisClient client = RedisClient.create(REDIS.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().keys(prefix + "*").stream().sorted().toList();
        } finally {
            client.shutdown();
        }
    }

    private long ttlMillis(String key) {
        RedisClient client = RedisClient.create(REDIS.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().pttl(key);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aSessionStartedOnOneInstanceIsUsedAndChangedOnTheOther() {
        instances(Duration.ofSeconds(1));
        assertThat(one.request("POST", "/login?user=tom").send()).hasStatus(200);
        carryCookie(one, two);
        assertThat(two.get("/me")).hasBody("tom");
        assertThat(two.request("POST", "/note?text=from-two").send()).hasStatus(200);
        assertThat(one.get("/note")).as("the change made on the other instance").hasBody("from-two");
    }

    @Test
    void theSessionLivesInRedisUnderItsPrefixWithItsExpiryAsTtl() {
        instances(Duration.ofSeconds(1));
        one.request("POST", "/login?user=tom").send();
        assertThat(keys()).hasSize(2).allMatch(key -> key.startsWith(prefix + "session:") || key.equals(prefix + "session-owner:tom"));
        String session = keys().stream().filter(key -> key.startsWith(prefix + "session:")).findFirst().orElseThrow();
        assertThat(ttlMillis(session)).as("the two-hour sliding expiry").isBetween(Duration.ofMinutes(119).toMillis(), Duration.ofHours(2).toMillis());
        assertThat(one.cookies().get("session")).as("the cookie holds only the signed id").doesNotContain("tom");
    }

    @Test
    void aLogoutOnOneInstanceRevokesTheSessionOnTheOtherAtOnce() {
        instances(Duration.ofSeconds(1));
        one.request("POST", "/login?user=tom").send();
        carryCookie(one, two);
        assertThat(two.get("/me")).hasBody("tom");
        assertThat(one.request("POST", "/logout").send()).hasStatus(200);
        assertThat(two.get("/me")).as("a copy of the logged-out cookie").hasBody("anonymous");
        assertThat(keys()).as("nothing of the session is left").isEmpty();
    }

    @Test
    void revokingAllOfAUsersSessionsHoldsOnEveryInstanceAndSparesOthers() {
        instances(Duration.ofSeconds(1));
        one.request("POST", "/login?user=tom").send();
        two.request("POST", "/login?user=tom").send();
        try (TestClient admin = TestClient.of(app(redis.sessionStore()), Wire.NIO)) {
            admin.request("POST", "/login?user=admin").send();
            assertThat(admin.request("POST", "/revoke?user=tom").send()).hasBody("revoked");
            assertThat(one.get("/me")).hasBody("anonymous");
            assertThat(two.get("/me")).hasBody("anonymous");
            assertThat(admin.get("/me")).hasBody("admin");
        }
    }

    @Test
    void aSessionThatChangesHandsLeavesItsFormerOwnersIndex() {
        instances(Duration.ofSeconds(1));
        one.request("POST", "/login?user=tom").send();
        carryCookie(one, two);
        two.request("POST", "/login?user=admin").send();   // a new login: a new id, the old one deleted
        assertThat(two.get("/me")).hasBody("admin");
        assertThat(one.get("/me")).as("tom's id went with the new login").hasBody("anonymous");
        assertThat(keys()).noneMatch(key -> key.endsWith("session-owner:tom"));
    }

    @Test
    void whenRedisIsDownRequestsWithASessionFailClosedAndSessionsComeBackWithRedis() throws Exception {
        instances(Duration.ofSeconds(1));
        one.request("POST", "/login?user=tom").send();
        carryCookie(one, two);
        REDIS.stop();
        try {
            TestResponse down = two.get("/me");
            assertThat(down).as("never an anonymous or stale user").hasStatus(503).hasBody("Sessions are unavailable, try again later");
            assertThat(pingWithoutSession(two)).as("requests without a session are served").startsWith("HTTP/1.1 200").endsWith("pong");
        } finally {
            REDIS.start();
        }
        // Persistence is off here, so the restarted Redis has no sessions: the cookie now reads as none.
        TestResponse back = awaitNot503(() -> two.get("/me"));
        assertThat(back).hasStatus(200).hasBody("anonymous");
        assertThat(two.request("POST", "/login?user=tom").send()).hasStatus(200);
        carryCookie(two, one);
        assertThat(one.get("/me")).hasBody("tom");
    }

    @Test
    void whenRedisHangsARequestWithASessionFailsAfterTheCommandTimeoutWithoutHoldingTheEventLoop() throws Exception {
        instances(Duration.ofSeconds(2));
        one.request("POST", "/login?user=tom").send();
        REDIS.freeze();
        try {
            CompletableFuture<TestResponse> waiting = CompletableFuture.supplyAsync(() -> one.get("/me"));
            Thread.sleep(200);   // the request is now waiting for Redis on the server's one event loop
            assertThat(pingWithoutSession(one)).as("that loop serves another connection meanwhile").startsWith("HTTP/1.1 200").endsWith("pong");
            assertThat(waiting).as("still waiting for Redis").isNotDone();
            assertThat(waiting.get(5, TimeUnit.SECONDS)).hasStatus(503).hasBody("Sessions are unavailable, try again later");
        } finally {
            REDIS.thaw();
        }
        assertThat(awaitNot503(() -> one.get("/me"))).hasBody("tom");
    }

    /** The raw answer to GET /ping, without a cookie, on {@code instance}'s server over a connection of its own. */
    private static String pingWithoutSession(TestClient instance) throws Exception {
        try (RawSocket socket = RawSocket.connect(instance.server().orElseThrow())) {
            socket.send("GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            return socket.readUntilClosed(Duration.ofSeconds(1));
        }
    }

    private static TestResponse awaitNot503(java.util.function.Supplier<TestResponse> request) throws InterruptedException {
        TestResponse response = request.get();
        for (int i = 0; i < 100 && response.status() == 503; i++) {
            Thread.sleep(100);
            response = request.get();
        }
        return response;
    }
}
