package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.ServerSettings;
import io.nettle.security.PasswordHasher;
import io.nettle.testkit.TestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The examples keep password hashes, never passwords, and no signing secret in their sources:
 * without one in the environment they make a random one at start.
 */
class StoredCredentialsTest {
    private static final Path SOURCES = Path.of("src/main/java/io/nettle/examples");

    private static Map<String, String> basic(String userPass) {
        return Map.of("Authorization", DemoLogin.basic(userPass));
    }

    @Test
    void noExampleUsesPlainPasswordsOrAWrittenSecret() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            List<Path> sources = files.filter(file -> file.toString().endsWith(".java")).toList();
            assertThat(sources).hasSizeGreaterThan(10);
            for (Path source : sources) {
                String text = Files.readString(source);
                assertThat(text).as(source.toString())
                    .doesNotContain("Verifier.passwords(")
                    .doesNotContain("DEV_SECRET")
                    .doesNotContainPattern("\"dev-only[^\"]*secret");
            }
        }
    }

    @Test
    void theDemoUsersAreArgon2idHashesOfTheDemoPassword() {
        assertThat(DemoUsers.HASHES).containsOnlyKeys("tom", "admin");
        PasswordHasher hasher = PasswordHasher.argon2id();
        DemoUsers.HASHES.forEach((user, phc) -> {
            assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
            assertThat(hasher.needsRehash(phc)).isFalse();
            assertThat(hasher.verify("secret".toCharArray(), phc)).as(user).isTrue();
        });
    }

    @Test
    void withoutTheVariableARandomSecretIsMadeEachTime() {
        String unset = "NETTLE_TEST_SECRET_THAT_IS_NEVER_SET";
        assertThat(System.getenv(unset)).isNull();
        byte[] first = DevSecrets.fromEnvironment(unset, "tests");
        byte[] second = DevSecrets.fromEnvironment(unset, "tests");
        assertThat(first).hasSize(32).isNotEqualTo(second);
        assertThat(second).hasSize(32);
    }

    @Test
    void theJwtSecretIsOnePerProcess() {
        assertThat(JwtExample.secret()).hasSizeGreaterThanOrEqualTo(32).isEqualTo(JwtExample.secret());
    }

    @Test
    void theAuthExampleChecksTheStoredHashes() {
        try (TestClient client = TestClient.of(AuthExample.app(ServerSettings.defaults()))) {
            assertThat(client.get("/dashboard", basic("tom:secret"))).hasStatus(200).hasBody("dashboard");
            assertThat(client.get("/", basic("admin:secret"))).hasStatus(200).hasBody("Hello, admin");
            assertThat(client.get("/", basic("tom:wrong"))).hasStatus(200).hasBody("Hello, you");
            assertThat(client.get("/", basic("nobody:secret"))).hasStatus(200).hasBody("Hello, you");
        }
    }

    @Test
    void theBenchVerifiesTomOnceThenFromItsCache() {
        try (TestClient client = TestClient.of(BenchExample.app(ServerSettings.defaults()))) {
            for (String path : List.of("/secure", "/secure-async")) {
                for (int i = 0; i < 3; i++) {
                    assertThat(client.get(path, basic("tom:secret"))).as(path).hasStatus(200).hasBody("Hello, tom!");
                }
                assertThat(client.get(path, basic("tom:secreT"))).as(path).hasStatus(403);
                assertThat(client.get(path, basic("bob:secret"))).as(path).hasStatus(403);
                assertThat(client.get(path)).as(path).hasStatus(403);
                assertThat(client.get(path, Map.of("Authorization", "Basic !!!"))).as(path).hasStatus(400);
                assertThat(client.get(path, basic("tom:secret"))).as(path).hasStatus(200).hasBody("Hello, tom!");
            }
        }
    }
}
