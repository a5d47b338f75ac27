package io.nettle.auth;

import io.nettle.security.AuthCredentials;
import io.nettle.security.BaseUser;
import io.nettle.security.SimpleUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a backend found: the credentials (scopes) and the user (Starlette's
 * {@code (AuthCredentials, BaseUser)} tuple).
 *
 * <p><b>The {@value #AUTHENTICATED} rule.</b> Every built-in backend's successful result has the
 * scope {@value #AUTHENTICATED} (added by the backend with {@link #withAuthenticated()} when a
 * verifier, mapper or configured result leaves it out), so {@code requires("authenticated")}
 * lets in every user any built-in backend found, whatever the means. A result made here is not
 * changed: a backend of your own decides its scopes itself (call {@link #withAuthenticated()}
 * to follow the same rule).
 *
 * @param credentials the scopes granted
 * @param user        the user
 */
public record AuthResult(AuthCredentials credentials, BaseUser user) {

    public AuthResult {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(user, "user");
    }

    /** The scope every built-in backend's successful result has. */
    public static final String AUTHENTICATED = "authenticated";

    /**
     * This result with the scope {@value #AUTHENTICATED} (first, when it is added); this very
     * result when it has it already.
     */
    public AuthResult withAuthenticated() {
        if (credentials.has(AUTHENTICATED)) {
            return this;
        }
        List<String> scopes = new ArrayList<>(credentials.scopes().size() + 1);
        scopes.add(AUTHENTICATED);
        scopes.addAll(credentials.scopes());
        return new AuthResult(AuthCredentials.of(scopes), user);
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
