package io.nettle.auth.backends;

import static io.nettle.auth.Guard.requires;
import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationError;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.security.Throttle;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link ThrottledBackend} on every protocol: Basic guesses per account and per client, keys per client; 429 with Retry-After. */
@OnEveryProtocol
class ThrottledBackendTest {
    private final Wire wire;

    ThrottledBackendTest(Wire wire) {
        this.wire = wire;
    }

    private static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private TestClient client(AuthenticationBackend backend) {
        App app = App.builder()
            .middleware(new AuthenticationMiddleware(backend))
            .route(Route.get("/private", requires("authenticated", Endpoint.sync(request -> Response.text("hi " + request.user().displayName())))))
            .build();
        return TestClient.of(app, wire);
    }

    @SuppressWarnings("deprecation")
    private static AuthenticationBackend basicBackend() {
        return new BasicAuthBackend(BasicAuthBackend.Verifier.passwords(Map.of("tom", "secret"), user -> AuthResult.user(user, "authenticated")));
    }

    @Test
    void basicGuessesForOneAccountAreThrottled() {
        Throttle throttle = Throttle.builder().build();
        try (TestClient client = client(new ThrottledBackend(basicBackend(), throttle, ThrottledBackend.basicUser()))) {
            for (int i = 1; i <= 9; i++) {
                assertThat(client.get("/private", basic("tom", "wrong" + i)).status()).as("guess " + i).isNotEqualTo(429).isNotEqualTo(200);
            }
            assertThat(client.get("/private", basic("tom", "wrong10"))).hasStatus(429).hasHeader("Retry-After", "900");
            assertThat(client.get("/private", basic("tom", "secret"))).as("the right password, too late").hasStatus(429);
            assertThat(client.get("/private")).as("no credentials: not counted, not throttled").hasStatus(403);
        }
    }

    @Test
    void aSuccessForgetsTheAccountsGuesses() {
        Throttle throttle = Throttle.builder().build();
        try (TestClient client = client(new ThrottledBackend(basicBackend(), throttle, ThrottledBackend.basicUser()))) {
            for (int i = 1; i <= 9; i++) {
                client.get("/private", basic("tom", "wrong"));
            }
            assertThat(client.get("/private", basic("tom", "secret"))).hasStatus(200).hasBody("hi tom");
            assertThat(client.get("/private", basic("tom", "wrong")).status()).isNotEqualTo(429);
        }
    }

    @Test
    void keysAreThrottledPerClient() {
        AuthenticationBackend keys = AuthenticationBackend.sync(connection -> connection.header("X-API-Key").map(key -> {
            if (!key.equals("k-good")) {
                throw new AuthenticationError("Invalid API key");
            }
            return AuthResult.user("service", "authenticated");
        }));
        Throttle throttle = Throttle.builder().perClient(3, Duration.ofMinutes(1)).build();
        try (TestClient client = client(new ThrottledBackend(keys, throttle, connection -> Optional.empty()))) {
            assertThat(client.get("/private", Map.of("X-API-Key", "k1")).status()).isNotEqualTo(429);
            assertThat(client.get("/private", Map.of("X-API-Key", "k2")).status()).isNotEqualTo(429);
            assertThat(client.get("/private", Map.of("X-API-Key", "k3"))).hasStatus(429).hasHeader("Retry-After", "60");
            assertThat(client.get("/private", Map.of("X-API-Key", "k-good"))).as("this client, any key").hasStatus(429);
        }
    }
}
