package io.nettle.auth.backends;

import static io.nettle.auth.Guard.requires;
import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.App;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.security.PasswordHasher;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * {@code BasicAuthBackend.Verifier.hashes}: stored PHC strings verified on the worker pool, an
 * unknown user answered exactly as a wrong password, malformed stored hashes refused at build.
 */
@OnEveryProtocol
class BasicAuthHashesTest {
    private static final PasswordHasher HASHER = PasswordHasher.argon2id(1024, 1, 1);
    private static final Map<String, String> HASHES = Map.of(
        "tom", HASHER.hash("secret".toCharArray()),
        "ann", PasswordHasher.pbkdf2(1000).hash("s3cret:with:colons".toCharArray()));

    private final Wire wire;
    /** The threads {@code results} ran on: the thread of each successful verification. */
    private final Queue<String> threads = new ConcurrentLinkedQueue<>();

    BasicAuthHashesTest(Wire wire) {
        this.wire = wire;
    }

    private App app() {
        BasicAuthBackend backend = new BasicAuthBackend(BasicAuthBackend.Verifier.hashes(HASHER, HASHES, user -> {
            threads.add(Thread.currentThread().getName());
            return AuthResult.user(user, "authenticated");
        }));
        return App.builder()
            .middleware(new AuthenticationMiddleware(backend))
            .route(Route.get("/", Endpoint.sync(request -> Response.text(request.user().isAuthenticated()
                ? "Hello, " + request.user().displayName() : "Hello, you"))))
            .route(Route.get("/dashboard", requires("authenticated", Endpoint.sync(request -> Response.text("dashboard")))))
            .build();
    }

    private static Map<String, String> basic(String userPass) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theRightPasswordAuthenticatesOffTheEventLoop() {
        try (TestClient client = TestClient.of(app(), wire)) {
            assertThat(client.get("/", basic("tom:secret"))).hasStatus(200).hasBody("Hello, tom");
            assertThat(client.get("/dashboard", basic("tom:secret"))).hasStatus(200).hasBody("dashboard");
            assertThat(client.get("/", basic("ann:s3cret:with:colons"))).hasStatus(200).hasBody("Hello, ann");
        }
        org.assertj.core.api.Assertions.assertThat(threads).hasSize(3).allSatisfy(thread ->
            org.assertj.core.api.Assertions.assertThat(thread).startsWith("nettle-worker-"));
    }

    @Test
    void aWrongPasswordAndAnUnknownUserAreAnsweredAlike() {
        try (TestClient client = TestClient.of(app(), wire)) {
            for (String credentials : new String[] {"tom:wrong", "tom:", "bob:secret", "bob:", ":secret", "Tom:secret"}) {
                assertThat(client.get("/", basic(credentials))).as(credentials).hasStatus(200).hasBody("Hello, you");
                assertThat(client.get("/dashboard", basic(credentials))).as(credentials).hasStatus(403);
            }
            assertThat(client.get("/", Map.of("Authorization", "Basic !!!"))).hasStatus(400).hasBody(BasicAuthBackend.INVALID);
        }
        org.assertj.core.api.Assertions.assertThat(threads).isEmpty();
    }

    @Test
    void aMalformedStoredHashIsRefusedWhenTheVerifierIsMade() {
        assertThatThrownBy(() -> BasicAuthBackend.Verifier.hashes(Map.of("tom", "secret"), user -> AuthResult.user(user)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("user 'tom'").hasMessageContaining("Malformed password hash");
    }
}
