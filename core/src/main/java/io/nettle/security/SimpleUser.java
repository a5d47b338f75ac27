package io.nettle.security;

import java.util.Objects;

/**
 * An authenticated user known only by a username, which is both its display name and its identity.
 *
 * @param username the username
 */
public record SimpleUser(String username) implements BaseUser {

    public SimpleUser {
        Objects.requireNonNull(username, "username");
    }

    @Override
    public boolean isAuthenticated() {
        return true;
    }

    @Override
    public String displayName() {
        return username;
    }

    @Override
    public String identity() {
        return username;
    }
}
