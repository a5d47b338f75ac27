package io.nettle.redis;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.http.Response;
import io.nettle.routing.Route;
import io.nettle.security.Throttle;
import io.nettle.security.ThrottleStore;
import io.nettle.testkit.RedisServer;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Throttles counting in a real Redis shared by two instances: failures on either count against
 * one limit, hits are atomic, and a Redis that is down makes sign-ins fail closed.
 */
class RedisThrottleStoreTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static final AtomicInteger TESTS = new AtomicInteger();

    private final String prefix = "throttle-test-" + TESTS.incrementAndGet() + ":";
    private Redis redis;

    @AfterEach
    void close() {
        if (redis != null) {
            redis.close();
        }
    }

    private Redis redis() {
        redis = Redis.builder(REDIS.uri()).keyPrefix(prefix).maxReconnectDelay(Duration.ofMillis(200)).build();
        return redis;
    }

    /** POST /login?user=X&password=P: the password is "secret"; three failures per account in 15 minutes. */
    private static App app(ThrottleStore store) {
        Throttle logins = Throttle.builder().store(store).perAccount(3, Duration.ofMinutes(15)).build();
        return App.builder().route(Route.post("/login", request -> {
            String user = request.queryParam("user").orElse("");
            String client = request.client().host();
            return logins.check(user, client).thenCompose(allowed -> request.queryParam("password").orElse("").equals("secret")
                ? logins.succeeded(user).thenApply(done -> Response.text("welcome"))
                : logins.failed(user, client).thenApply(counted -> Response.text("wrong password").withStatus(401)));
        })).build();
    }

    @Test
    void failuresOnEitherInstanceCountAgainstOneLimit() {
        Redis shared = redis();
        try (TestClient one = TestClient.of(app(shared.throttleStore()), Wire.NIO);
             TestClient two = TestClient.of(app(shared.throttleStore()), Wire.NIO)) {
            assertThat(one.request("POST", "/login?user=tom&password=guess1").send()).hasStatus(401);
            assertThat(two.request("POST", "/login?user=tom&password=guess2").send()).hasStatus(401);
            assertThat(one.request("POST", "/login?user=tom&password=guess3").send()).as("the third failure reaches the limit").hasStatus(429);
            assertThat(two.request("POST", "/login?user=tom&password=secret").send()).as("on the other instance too, right password or not")
                .hasStatus(429).hasHeader("Retry-After", "900");
            assertThat(two.request("POST", "/login?user=admin&password=secret").send()).as("another account").hasStatus(200);
        }
    }

    @Test
    void concurrentHitsFromTwoStoresAreAllCountedAndTheWindowIsTheKeysTtl() {
        Redis shared = redis();
        Redis other = Redis.builder(REDIS.uri()).keyPrefix(prefix).build();
        try {
            List<ThrottleStore> stores = List.of(shared.throttleStore(), other.throttleStore());
            Instant now = Instant.now();
            List<CompletableFuture<ThrottleStore.Count>> hits = IntStream.range(0, 400)
                .mapToObj(i -> stores.get(i % 2).hit("k", Duration.ofMinutes(1), now).toCompletableFuture()).toList();
            CompletableFuture.allOf(hits.toArray(CompletableFuture[]::new)).join();
            assertThat(hits.stream().map(hit -> hit.join().count()).sorted().toList())
                .as("each hit saw its own count").containsExactlyElementsOf(IntStream.rangeClosed(1, 400).mapToObj(i -> (long) i).toList());
            ThrottleStore.Count peeked = other.throttleStore().peek("k", now).toCompletableFuture().join();
            assertThat(peeked.count()).isEqualTo(400);
            assertThat(peeked.windowEnds()).isBetween(now.plusSeconds(58), now.plusSeconds(60));
            shared.throttleStore().reset("k").toCompletableFuture().join();
            assertThat(other.throttleStore().peek("k", now).toCompletableFuture().join().count()).isZero();
        } finally {
            other.close();
        }
    }

    @Test
    void whenRedisIsDownSignInsFailClosedAndComeBackWithRedis() throws Exception {
        try (TestClient one = TestClient.of(app(redis().throttleStore()), Wire.NIO)) {
            REDIS.stop();
            try {
                assertThat(one.request("POST", "/login?user=tom&password=secret").send()).as("not let through unthrottled")
                    .hasStatus(503).hasBody("Sign-in is unavailable, try again later");
            } finally {
                REDIS.start();
            }
            int status = 503;
            for (int i = 0; i < 100 && status == 503; i++) {
                Thread.sleep(100);
                status = one.request("POST", "/login?user=tom&password=secret").send().status();
            }
            assertThat(status).isEqualTo(200);
        }
    }
}
