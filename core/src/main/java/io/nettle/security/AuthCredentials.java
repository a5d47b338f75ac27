package io.nettle.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a connection is allowed to do, separate from who the user is (Starlette's
 * {@code AuthCredentials}): an immutable set of scopes such as {@code authenticated} or
 * {@code admin}, in the order given.
 */
public final class AuthCredentials {
    private static final AuthCredentials NONE = new AuthCredentials(List.of());

    private final List<String> scopes;
    private final Set<String> lookup;

    private AuthCredentials(Collection<String> scopes) {
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String scope : scopes) {
            unique.add(Objects.requireNonNull(scope, "scope"));
        }
        this.scopes = List.copyOf(unique);
        this.lookup = Set.copyOf(unique);
    }

    /** Credentials with the given scopes. */
    public static AuthCredentials of(String... scopes) {
        return scopes.length == 0 ? NONE : new AuthCredentials(List.of(scopes));
    }

    /** Credentials with the given scopes. */
    public static AuthCredentials of(Collection<String> scopes) {
        return scopes.isEmpty() ? NONE : new AuthCredentials(scopes);
    }

    /** No scopes: what an anonymous connection has. */
    public static AuthCredentials none() {
        return NONE;
    }

    /** The scopes, in the order given, without repeats. */
    public List<String> scopes() {
        return scopes;
    }

    /** Whether {@code scope} is granted. */
    public boolean has(String scope) {
        return lookup.contains(scope);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuthCredentials that && lookup.equals(that.lookup);
    }

    @Override
    public int hashCode() {
        return lookup.hashCode();
    }

    @Override
    public String toString() {
        return "AuthCredentials" + scopes;
    }
}
