package io.nettle.examples;

import static io.nettle.auth.Guard.requiresUser;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.auth.Requires;
import io.nettle.auth.backends.BasicAuthBackend;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.middleware.Middleware;
import io.nettle.routing.Endpoint;
import io.nettle.routing.HttpEndpoint;
import io.nettle.routing.Routable;
import io.nettle.routing.Route;
import io.nettle.security.BaseUser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Your own user class: {@link StaffUser} carries an email and roles, the backend returns it,
 * endpoints read it back typed ({@code request.user(StaffUser.class)}), and guards test it
 * ({@code requiresUser(StaffUser.class, u -> u.roles().contains("editor"))}). The class-based
 * {@link Articles} endpoint guards its methods with {@link Requires @Requires} on the scopes the
 * backend derives from the roles. The staff are ann (editor), bob (reader) and root (editor,
 * admin), all with the password {@code secret}: demo only.
 * <pre>
 * java -jar nettle-examples.jar roles --port 8000
 * curl -u ann:secret localhost:8000/me                      -> {"name":"ann","email":"ann@example.com","roles":["editor"]}
 * curl -u bob:secret localhost:8000/drafts                  -> 403 (bob is no editor)
 * curl -u ann:secret localhost:8000/drafts                  -> ["Nettle 1.0"]
 * curl -u bob:secret localhost:8000/articles                -> ["Hello, Nettle"]
 * curl -u ann:secret -X DELETE localhost:8000/articles      -> 404 (hidden from non-admins)
 * curl -u root:secret -X DELETE localhost:8000/articles     -> 204
 * </pre>
 */
public final class RolesExample {

    public static void main(String[] argv) throws InterruptedException {
        Arguments args = Arguments.parse(argv);
        try (Server server = app(args.settings()).serve(args.host(), args.port())) {
            args.printStarted("roles", server);
            server.awaitShutdown();
        }
    }

    public static App app(ServerSettings settings) {
        return App.builder().settings(settings).middleware(middleware()).route(routes()).build();
    }

    public static Routable[] routes() {
        return new Routable[] {
            Route.get("/", Endpoint.sync(request -> Response.json(Map.of(
                "staff", List.of("ann (editor)", "bob (reader)", "root (editor, admin)"),
                "try", List.of("GET /me", "GET /drafts (editors)", "GET /articles", "DELETE /articles (admins)"))))),
            Route.get("/me", requiresUser(StaffUser.class, user -> true).wrap(Endpoint.sync(request -> {
                StaffUser user = request.user(StaffUser.class);
                return Response.json(Map.of("name", user.name(), "email", user.email(), "roles", user.roles()));
            }))),
            Route.get("/drafts", requiresUser(StaffUser.class, user -> user.roles().contains("editor"))
                .wrap(Endpoint.sync(request -> Response.json(List.of("Nettle 1.0"))))),
            Route.endpoint("/articles", new Articles())};
    }

    /** Articles: anyone signed in may read them, only admins delete; others do not even learn DELETE exists. */
    public static final class Articles extends HttpEndpoint {
        @Requires("authenticated")
        public Response get(Request request) {
            return Response.json(List.of("Hello, Nettle"));
        }

        @Requires(value = {"authenticated", "admin"}, status = 404)
        public Response delete(Request request) {
            return Response.status(204);
        }
    }

    /** HTTP Basic over the staff, password {@code secret}: the backend returns their {@link StaffUser}. */
    public static Middleware middleware() {
        return new AuthenticationMiddleware(new BasicAuthBackend(BasicAuthBackend.Verifier.hashes(PASSWORD_HASHES,
            name -> AuthResult.of(STAFF.get(name), scopes(STAFF.get(name))))));
    }

    /** A member of staff: the user class the backend returns. */
    record StaffUser(String name, String email, Set<String> roles) implements BaseUser {
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
            return email;
        }
    }

    private static final Map<String, StaffUser> STAFF = Map.of(
        "ann", new StaffUser("ann", "ann@example.com", Set.of("editor")),
        "bob", new StaffUser("bob", "bob@example.com", Set.of("reader")),
        "root", new StaffUser("root", "root@example.com", Set.of("editor", "admin")));

    /** Argon2id hashes (PHC strings) of the staff's password, {@code secret}: the app keeps no password. */
    private static final Map<String, String> PASSWORD_HASHES = Map.of(
        "ann", "$argon2id$v=19$m=19456,t=2,p=1$Q/vRsvLvuqRu4Jj3zM95Ig$LCeOj8Z2aBZS4S0ZvsYUv2v25AdfjrzBCc5d6yqb/kw",
        "bob", "$argon2id$v=19$m=19456,t=2,p=1$hpXSpQmrp5HlL1cqYLYS0g$NQV1Ay4Uq4vNVauKBHZekzuOsDTkjchuUTRRCZBv5eU",
        "root", "$argon2id$v=19$m=19456,t=2,p=1$y8HjwOSRfoNcb7EYfjWgDA$pjr5STQ4ulJVhM1aYa6MsYoFCIR+54tbwXwRoA3fhVs");

    /** The scopes of a user: {@code authenticated} and one per role, for {@code @Requires}. */
    private static String[] scopes(StaffUser user) {
        return Stream.concat(Stream.of("authenticated"), user.roles().stream()).toArray(String[]::new);
    }
}
