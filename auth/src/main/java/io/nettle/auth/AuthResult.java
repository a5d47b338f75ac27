package io.nettle.auth;

import io.nettle.security.AuthCredentials;
import io.nettle.security.BaseUser;
import io.nettle.security.SimpleUser;
import java.util.Objects;

/**
 * What a backend found: the credentials (scopes) and the user (Starlette's
 * {@code (AuthCredentials, BaseUser)} tuple).
 *
 * @param credentials the scopes granted
 * @param user        the user
 */
public record AuthResult(AuthCredentials credentials, BaseUser user) {

    public AuthResult {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(user, "user");
    }

    /** {@code user} with {@code scopes}. */
    public static AuthResult of(BaseUser user, String... scopes) {
        return new AuthResult(AuthCredentials.of(scopes), user);
    }

    /** A {@link SimpleUser} named {@code username} with {@code scopes}. */
    public static AuthResult user(String username, String... scopes) {
        return of(new SimpleUser(username), scopes);
    }
}
