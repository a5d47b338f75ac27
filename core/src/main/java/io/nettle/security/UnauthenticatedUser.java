package io.nettle.security;

/** The user of a connection no backend authenticated: not authenticated, empty name and identity. */
public final class UnauthenticatedUser implements BaseUser {
    /** The one instance; {@code new UnauthenticatedUser()} is equal to it. */
    public static final UnauthenticatedUser INSTANCE = new UnauthenticatedUser();

    @Override
    public boolean isAuthenticated() {
        return false;
    }

    @Override
    public String displayName() {
        return "";
    }

    @Override
    public String identity() {
        return "";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnauthenticatedUser;
    }

    @Override
    public int hashCode() {
        return UnauthenticatedUser.class.hashCode();
    }

    @Override
    public String toString() {
        return "UnauthenticatedUser";
    }
}
