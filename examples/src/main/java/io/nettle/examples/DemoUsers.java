package io.nettle.examples;

import io.nettle.auth.AuthResult;
import io.nettle.auth.backends.BasicAuthBackend;
import io.nettle.security.Secrets;
import java.util.Map;

/**
 * The demo users the examples share: {@code tom} and {@code admin}, both with the password
 * {@code secret}. DEMO ONLY: a real app keeps password hashes (bcrypt, scrypt, Argon2) in a
 * store and checks them with {@code AuthenticationBackend.blocking} or {@code Endpoint.blocking}.
 */
final class DemoUsers {
    private static final Map<String, String> PASSWORDS = Map.of("tom", "secret", "admin", "secret");
    private static final String NOBODY = "\0no such user";

    private DemoUsers() {
    }

    /**
     * Whether {@code password} is {@code username}'s, in constant time: an unknown user costs the
     * same comparison as a known one, so timing tells nothing about who exists.
     */
    static boolean check(String username, String password) {
        String expected = PASSWORDS.getOrDefault(username, NOBODY);
        return Secrets.constantTimeEquals(password, expected) && PASSWORDS.containsKey(username);
    }

    /** The scopes of a demo user: {@code authenticated}, plus {@code admin} for admin. */
    static String[] scopes(String username) {
        return username.equals("admin") ? new String[] {"authenticated", "admin"} : new String[] {"authenticated"};
    }

    /** HTTP Basic over the demo users, with their scopes. */
    static BasicAuthBackend basic() {
        return new BasicAuthBackend(BasicAuthBackend.Verifier.passwords(PASSWORDS, user -> AuthResult.user(user, scopes(user))));
    }
}
