package io.nettle.middleware;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.auth.backends.SessionBackend;
import io.nettle.testing.MovableClock;
import io.nettle.testing.SessionRoutes;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * Sessions that end: an absolute lifetime whatever the sliding expiry, regeneration on login, and
 * server-side sessions in a {@link SessionStore} (only an id in the cookie, logout and revocation
 * that old cookies cannot outlive, a store that fails closed, a bounded store), on every protocol.
 */
@OnEveryProtocol
class SessionStoreTest {
    private static final String KEY = "k".repeat(32) + "-store-test";
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private final Wire wire;
    private final MovableClock clock = new MovableClock(START);

    SessionStoreTest(Wire wire) {
        this.wire = wire;
    }

    /** An app with {@link SessionRoutes#loginLogoutNoteMe()} behind {@code sessions}. */
    private TestClient client(SessionMiddleware sessions) {
        App app = App.builder()
            .middleware(sessions, new AuthenticationMiddleware(new SessionBackend()))
            .route(SessionRoutes.loginLogoutNoteMe())
            .build();
        return TestClient.of(app, wire);
    }

    private SessionMiddleware.Builder sessions() {
        return SessionMiddleware.builder().secretKey(KEY).clock(clock).maxAge(Duration.ofDays(2)).absoluteLifetime(Duration.ofDays(5));
    }

    @Test
    void aSessionEndsAfterItsAbsoluteLifetimeHoweverOftenItIsUsed() {
        try (TestClient client = client(sessions().build())) {
            client.request("POST", "/login?user=tom").send();
            for (int step = 1; step <= 4; step++) {
                clock.advance(Duration.ofHours(25)); // past half of the two-day sliding expiry: each request renews it
                assertThat(client.get("/me")).as("after " + 25 * step + " hours").hasBody("tom");
            }
            clock.advance(Duration.ofHours(21));
            assertThat(client.get("/me")).as("121 hours after the login: past its five days").hasBody("anonymous");
        }
    }

    @Test
    void aLoginStartsTheLifetimeAfresh() {
        try (TestClient client = client(sessions().build())) {
            client.request("POST", "/note?text=hi").send();
            clock.advance(Duration.ofHours(25));
            client.request("POST", "/note?text=again").send();
            clock.advance(Duration.ofHours(25));
            client.request("POST", "/login?user=tom").send();
            for (int step = 1; step <= 4; step++) {
                clock.advance(Duration.ofHours(25));
                assertThat(client.get("/me")).as(25 * step + " hours after the login, " + (50 + 25 * step) + " after the first note")
                    .hasBody("tom");
            }
        }
    }

    @Test
    void aStoredSessionLeavesOnlyAnIdInTheCookie() {
        try (TestClient client = client(sessions().store(SessionStore.inMemory(100)).build())) {
            client.request("POST", "/login?user=tom").send();
            String cookie = client.cookies().get("session");
            String signedPart = new String(Base64.getUrlDecoder().decode(cookie.substring(0, cookie.indexOf('.'))), StandardCharsets.US_ASCII);
            assertThat(signedPart).as("the signed payload is an id").matches("[A-Za-z0-9_-]{43}").doesNotContain("tom");
            assertThat(client.get("/me")).hasBody("tom");
        }
    }

    @Test
    void aLogoutRevokesEveryCopyOfTheCookie() {
        try (TestClient client = client(sessions().store(SessionStore.inMemory(100)).build())) {
            client.request("POST", "/login?user=tom").send();
            String copied = client.cookies().get("session");
            client.request("POST", "/logout").send();
            client.cookie("session", copied);
            assertThat(client.get("/me")).as("the copy taken before the logout").hasBody("anonymous");
        }
    }

    @Test
    void allOfAUsersSessionsAreRevokedAtOnce() {
        SessionStore store = SessionStore.inMemory(100);
        SessionMiddleware sessions = sessions().store(store).build();
        try (TestClient laptop = client(sessions); TestClient phone = client(sessions); TestClient other = client(sessions)) {
            laptop.request("POST", "/login?user=tom").send();
            phone.request("POST", "/login?user=tom").send();
            other.request("POST", "/login?user=ann").send();
            store.deleteAllOf("tom").toCompletableFuture().join();
            assertThat(laptop.get("/me")).hasBody("anonymous");
            assertThat(phone.get("/me")).hasBody("anonymous");
            assertThat(other.get("/me")).hasBody("ann");
        }
    }

    @Test
    void aLoginGetsANewIdAndTheOldOneIsWorthNothing() {
        try (TestClient client = client(sessions().store(SessionStore.inMemory(100)).build())) {
            client.request("POST", "/note?text=planted").send();
            String before = client.cookies().get("session");
            client.request("POST", "/login?user=tom").send();
            assertThat(client.cookies().get("session")).isNotEqualTo(before);
            client.cookie("session", before);
            assertThat(client.get("/me")).hasBody("anonymous");
        }
    }

    @Test
    void aStoredSessionEndsAfterItsAbsoluteLifetime() {
        try (TestClient client = client(sessions().store(SessionStore.inMemory(100)).build())) {
            client.request("POST", "/login?user=tom").send();
            for (int step = 1; step <= 4; step++) {
                clock.advance(Duration.ofHours(25));
                assertThat(client.get("/me")).hasBody("tom");
            }
            clock.advance(Duration.ofHours(21));
            assertThat(client.get("/me")).hasBody("anonymous");
        }
    }

    @Test
    void aFailingStoreFailsClosedWith503() {
        SessionStore broken = new SessionStore() {
            @Override
            public CompletionStage<Optional<Stored>> load(String id, Instant now) {
                return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
            }

            @Override
            public CompletionStage<Void> save(String id, Stored session) {
                return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
            }

            @Override
            public CompletionStage<Void> delete(String id) {
                return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
            }

            @Override
            public CompletionStage<Void> deleteAllOf(String owner) {
                return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
            }
        };
        try (TestClient client = client(sessions().store(broken).build())) {
            assertThat(client.request("POST", "/login?user=tom").send()).as("saving fails").hasStatus(503).hasBodyContaining("Sessions are unavailable");
            client.cookie("session", SessionStoreTest.signedId());
            assertThat(client.get("/me")).as("loading fails: never an anonymous user").hasStatus(503);
        }
    }

    /** A cookie holding a well-signed id, as a client holding a session would send. */
    private static String signedId() {
        return new io.nettle.security.CookieSigner(java.util.List.of(KEY.getBytes(StandardCharsets.UTF_8)))
            .sign("session", "A".repeat(43).getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aFullStoreRefusesNewSessionsAndKeepsTheOldOnes() {
        SessionMiddleware sessions = sessions().store(SessionStore.inMemory(2)).build();
        try (TestClient first = client(sessions); TestClient second = client(sessions); TestClient third = client(sessions)) {
            first.request("POST", "/login?user=tom").send();
            second.request("POST", "/login?user=ann").send();
            assertThat(third.request("POST", "/login?user=bob").send()).hasStatus(503);
            assertThat(first.get("/me")).hasBody("tom");
            assertThat(second.get("/me")).hasBody("ann");
        }
    }
}
