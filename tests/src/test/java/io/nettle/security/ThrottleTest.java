package io.nettle.security;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.App;
import io.nettle.http.HttpException;
import io.nettle.http.Response;
import io.nettle.routing.Route;
import io.nettle.testing.MovableClock;
import io.nettle.testkit.Body;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@link Throttle} guarding a login endpoint, on every protocol: per account, per client, its window, and failing closed. */
@OnEveryProtocol
class ThrottleTest {
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private final Wire wire;
    private final MovableClock clock = new MovableClock(START);

    ThrottleTest(Wire wire) {
        this.wire = wire;
    }

    /** POST /login with username and password (the right one is "secret"), throttled by {@code logins}. */
    private TestClient client(Throttle logins) {
        App app = App.builder()
            .route(Route.post("/login", request -> request.form().thenCompose(form -> {
                String user = form.get("username").orElse("");
                String client = request.client().host();
                return logins.check(user, client).thenCompose(allowed -> "secret".equals(form.get("password").orElse(""))
                    ? logins.succeeded(user).thenApply(done -> Response.text("welcome " + user))
                    : logins.failed(user, client).thenApply(done -> {
                        throw new HttpException(401, "Wrong username or password");
                    }));
            })))
            .build();
        return TestClient.of(app, wire);
    }

    private static Body login(String user, String password) {
        return Body.form(Map.of("username", user, "password", password));
    }

    @Test
    void tenWrongPasswordsInARowForOneAccountGet429UntilTheWindowEnds() {
        try (TestClient client = client(Throttle.builder().clock(clock).build())) {
            for (int i = 1; i <= 9; i++) {
                assertThat(client.post("/login", login("tom", "wrong" + i))).as("attempt " + i).hasStatus(401);
            }
            assertThat(client.post("/login", login("tom", "wrong10"))).as("the tenth").hasStatus(429).hasHeader("Retry-After", "900");
            clock.advance(Duration.ofMinutes(5));
            assertThat(client.post("/login", login("tom", "secret"))).as("even the right password, within the window")
                .hasStatus(429).hasHeader("Retry-After", "600");
            assertThat(client.post("/login", login("ann", "secret"))).as("another account").hasStatus(200);
            clock.advance(Duration.ofMinutes(10));
            assertThat(client.post("/login", login("tom", "secret"))).as("after the window").hasStatus(200).hasBody("welcome tom");
        }
    }

    @Test
    void aSuccessForgetsTheAccountsFailures() {
        try (TestClient client = client(Throttle.builder().clock(clock).build())) {
            for (int i = 1; i <= 9; i++) {
                client.post("/login", login("tom", "wrong"));
            }
            assertThat(client.post("/login", login("tom", "secret"))).hasStatus(200);
            assertThat(client.post("/login", login("tom", "wrong"))).as("counting from zero again").hasStatus(401);
        }
    }

    @Test
    void oneClientTryingManyAccountsIsThrottledToo() {
        try (TestClient client = client(Throttle.builder().clock(clock).perClient(5, Duration.ofMinutes(1)).build())) {
            for (int i = 1; i <= 4; i++) {
                assertThat(client.post("/login", login("user" + i, "wrong"))).hasStatus(401);
            }
            assertThat(client.post("/login", login("user5", "wrong"))).hasStatus(429).hasHeader("Retry-After", "60");
            assertThat(client.post("/login", login("user6", "secret"))).as("any account from this client").hasStatus(429);
        }
    }

    @Test
    void aStoreThatCannotCountFailsClosed() {
        ThrottleStore broken = new ThrottleStore() {
            @Override
            public java.util.concurrent.CompletionStage<Count> hit(String key, Duration window, Instant now) {
                return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
            }

            @Override
            public java.util.concurrent.CompletionStage<Count> peek(String key, Instant now) {
                return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
            }

            @Override
            public java.util.concurrent.CompletionStage<Void> reset(String key) {
                return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
            }
        };
        try (TestClient client = client(Throttle.builder().store(broken).build())) {
            assertThat(client.post("/login", login("tom", "secret"))).hasStatus(503).hasBodyContaining("unavailable");
        }
        try (TestClient client = client(Throttle.builder().clock(clock).store(ThrottleStore.inMemory(2)).build())) {
            assertThat(client.post("/login", login("tom", "wrong"))).as("two keys: the account and the client").hasStatus(401);
            assertThat(client.post("/login", login("ann", "wrong"))).as("a third key: the store is full").hasStatus(503);
        }
    }
}
