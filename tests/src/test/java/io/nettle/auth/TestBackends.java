package io.nettle.auth;

import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.security.AuthCredentials;
import io.nettle.security.BaseUser;
import io.nettle.security.SimpleUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Backends and endpoints shared by the tests: who you are is what the headers say. */
final class TestBackends {
    private TestBackends() {
    }

    /** A user of the application's own type, with roles. */
    record StaffUser(String name, Set<String> roles) implements BaseUser {
        @Override
        public boolean isAuthenticated() {
            return true;
        }

        @Override
        public String displayName() {
            return name;
        }

        @Override
        public String identity() {
            return name;
        }
    }

    /**
     * {@code X-User} names the user (a {@link StaffUser} when {@code X-Roles} is present, else a
     * {@code SimpleUser}), {@code X-Scopes} the scopes besides {@code authenticated}; the user
     * {@code bad} is refused with "Unknown user"; no {@code X-User} is anonymous.
     */
    static final AuthenticationBackend HEADERS = AuthenticationBackend.sync(connection -> {
        Optional<String> name = connection.header("X-User");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (name.get().equals("bad")) {
            throw new AuthenticationError("Unknown user");
        }
        List<String> scopes = new ArrayList<>(List.of("authenticated"));
        connection.header("X-Scopes").ifPresent(s -> scopes.addAll(List.of(s.split(" "))));
        Optional<String> roles = connection.header("X-Roles");
        BaseUser user = roles.isPresent()
            ? new StaffUser(name.get(), Set.of(roles.get().split(" ")))
            : new SimpleUser(name.get());
        return Optional.of(new AuthResult(AuthCredentials.of(scopes), user));
    });

    /** Headers of the user {@code name} with the extra {@code scopes} (space separated, may be empty). */
    static Map<String, String> as(String name, String scopes) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-User", name);
        if (!scopes.isEmpty()) {
            headers.put("X-Scopes", scopes);
        }
        return headers;
    }

    /** Headers of the staff user {@code name} with {@code roles} (space separated). */
    static Map<String, String> staff(String name, String roles) {
        return Map.of("X-User", name, "X-Roles", roles);
    }

    /** Answers {@code {"authenticated": ..., "user": ..., "scopes": [...]}}. */
    static final Endpoint WHOAMI = Endpoint.sync(TestBackends::whoami);

    static Response whoami(Request request) {
        return Response.json(Map.of("authenticated", request.user().isAuthenticated(),
            "user", request.user().displayName(), "scopes", request.auth().scopes()));
    }
}
