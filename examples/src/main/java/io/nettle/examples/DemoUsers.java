package io.nettle.examples;

import io.nettle.auth.AuthResult;
import io.nettle.auth.backends.BasicAuthBackend;
import io.nettle.http.Connection;
import io.nettle.security.PasswordHasher;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The demo users the examples share: {@code tom} and {@code admin}, both with the password
 * {@code secret}. Only their Argon2id hashes are kept ({@link PasswordHasher}, PHC strings made
 * with {@code PasswordHasher.argon2id().hash("secret".toCharArray())}): hashes of a password
 * everyone knows are no secret, but a real app keeps them in a store, never in its source.
 */
final class DemoUsers {
    private static final PasswordHasher HASHER = PasswordHasher.argon2id();
    /** The PHC string of each demo user's password. */
    static final Map<String, String> HASHES = Map.of(
        "tom", "$argon2id$v=19$m=19456,t=2,p=1$MgyXNFf2qODy5vImmE4Rcg$2hMpK8sQw53lyunVGzFwfLCWK9mZn7gYX59YZTEl1X8",
        "admin", "$argon2id$v=19$m=19456,t=2,p=1$670gmqu0Euaoyg4aXYokhA$qTRU7HaO1TAYjdt62oHa1FuCzZ5GZ/5ZZQPs/A7q/OU");

    private DemoUsers() {
    }

    /**
     * Whether {@code password} is {@code username}'s, on the worker pool ({@code runBlocking}):
     * Argon2id takes tens of milliseconds, never on an event loop. An unknown user costs a
     * verification against a dummy hash, so timing tells nothing about who exists.
     */
    static CompletionStage<Boolean> check(Connection connection, String username, String password) {
        return connection.runBlocking(() -> {
            String phc = HASHES.get(username);
            return phc == null ? HASHER.verifyUnknown(password.toCharArray()) : HASHER.verify(password.toCharArray(), phc);
        });
    }

    /** The scopes of a demo user: {@code authenticated}, plus {@code admin} for admin. */
    static String[] scopes(String username) {
        return username.equals("admin") ? new String[] {"authenticated", "admin"} : new String[] {"authenticated"};
    }

    /** HTTP Basic over the demo users' hashes (verified off the event loop), with their scopes. */
    static BasicAuthBackend basic() {
        return new BasicAuthBackend(BasicAuthBackend.Verifier.hashes(HASHER, HASHES, user -> AuthResult.user(user, scopes(user))));
    }
}
