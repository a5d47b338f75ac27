package io.nettle.security;

/**
 * A user as authentication sees it (Starlette's {@code BaseUser}). Implement it to carry your
 * own fields (roles, email...) and read it back typed with {@code request.user(MyUser.class)}.
 */
public interface BaseUser {

    /** Whether this user was authenticated. */
    boolean isAuthenticated();

    /** A name to show, e.g. the username; empty for an anonymous user. */
    String displayName();

    /** A stable, unique identifier, e.g. a user id; empty for an anonymous user. */
    String identity();
}
