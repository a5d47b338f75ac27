package io.nettle.examples;

import static io.nettle.auth.Guard.requires;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.auth.Challenges;
import io.nettle.auth.backends.JwtBearerBackend;
import io.nettle.auth.backends.JwtIssuer;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.middleware.Middleware;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Routable;
import io.nettle.routing.Route;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * JSON Web Tokens: {@code POST /token} checks a demo user's password and issues, with a
 * {@link JwtIssuer}, a token signed with HS256 that lasts five minutes and carries the user's
 * scopes; {@code /reports} requires
 * them. An expired, forged or malformed token is refused with RFC 6750's {@code 401} and
 * {@code WWW-Authenticate: Bearer realm="nettle", error="invalid_token", ...}; a request without a
 * token gets {@code 401} with {@code WWW-Authenticate: Bearer realm="nettle"} (the guards'
 * {@code challenge()}), and a token without the scope {@code 403} with
 * {@code WWW-Authenticate: Bearer realm="nettle", error="insufficient_scope", scope="..."}.
 * <pre>
 * java -jar nettle-examples.jar jwt --port 8000
 * TOKEN=$(curl -s -d username=tom -d password=secret localhost:8000/token | jq -r .access_token)
 * curl -H "Authorization: Bearer $TOKEN" localhost:8000/reports          -> {"user":"tom","reports":[...]}
 * curl -H "Authorization: Bearer $TOKEN" -X POST localhost:8000/reports  -> 403 (tom lacks reports:write)
 * curl -H "Authorization: Bearer nonsense" localhost:8000/reports        -> 401
 * curl -i localhost:8000/reports                                        -> 401, WWW-Authenticate: Bearer realm="nettle"
 * </pre>
 * The signing secret comes from {@code NETTLE_JWT_SECRET} (at least 32 bytes, e.g.
 * {@code openssl rand -base64 48}); without it the example makes a random secret at start and
 * warns that tokens will not survive a restart. Passwords are checked against Argon2id hashes
 * ({@link DemoUsers}), off the event loop.
 */
public final class JwtExample {
    /** How long an issued token lasts. */
    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final Map<String, String> SCOPES = Map.of("tom", "reports:read", "admin", "reports:read reports:write");

    public static void main(String[] argv) throws InterruptedException {
        Arguments args = Arguments.parse(argv);
        try (Server server = app(args.settings()).serve(args.host(), args.port())) {
            args.printStarted("jwt", server);
            server.awaitShutdown();
        }
    }

    public static App app(ServerSettings settings) {
        return App.builder().settings(settings).middleware(middleware()).route(routes()).build();
    }

    public static Routable[] routes() {
        JwtIssuer issuer = issuer(Clock.systemUTC());
        return new Routable[] {
            Route.get("/", Endpoint.sync(request -> Response.json(Map.of(
                "token", "POST /token with the form fields username and password",
                "endpoints", List.of("GET /reports (reports:read)", "POST /reports (reports:write)"))))),
            Route.post("/token", request -> token(request, issuer)),
            Route.get("/reports", requires("reports:read").challenge().wrap(Endpoint.sync(request -> Response.json(Map.of(
                "user", request.user().displayName(),
                "reports", List.of("2024-q1", "2024-q2")))))),
            Route.post("/reports", requires("reports:write").challenge().wrap(Endpoint.sync(request ->
                Response.json(Map.of("created", "2024-q3")).withStatus(201))))};
    }

    /** Bearer tokens signed with {@link #secret()}; a bad one gets RFC 6750's 401 with the backend's challenge. */
    public static Middleware middleware() {
        JwtBearerBackend tokens = JwtBearerBackend.builder().hs256(secret()).realm("nettle").build();
        return new AuthenticationMiddleware(tokens, (request, error) ->
            Challenges.addTo(Response.json(Map.of("error", error.getMessage())).withStatus(401), request));
    }

    /** Issues a token for a form's {@code username} and {@code password} (OAuth 2's password grant, simplified). */
    private static CompletionStage<Response> token(Request request, JwtIssuer issuer) {
        return request.form().thenCompose(form -> {
            String username = form.get("username").orElse("");
            return DemoUsers.check(request, username, form.get("password").orElse("")).thenApply(matched -> {
                if (!matched) {
                    return Response.json(Map.of("error", "invalid_grant")).withStatus(401);
                }
                return Response.json(Map.of(
                    "access_token", issuer.issue(username, SCOPES.get(username).split(" ")),
                    "token_type", "Bearer",
                    "expires_in", LIFETIME.toSeconds()));
            });
        });
    }

    /** The issuer of the example's tokens: HS256 with {@link #secret()}, lasting {@link #LIFETIME}, {@code iat} from {@code clock}. */
    static JwtIssuer issuer(Clock clock) {
        return JwtIssuer.hs256(secret()).lifetime(LIFETIME).clock(clock).build();
    }

    /** A token for {@code subject} with {@code scope} (space-separated), issued at {@code now}, signed with HS256 under {@code secret}. */
    static String sign(byte[] secret, String subject, String scope, Instant now) {
        return JwtIssuer.hs256(secret).lifetime(LIFETIME).clock(Clock.fixed(now, ZoneOffset.UTC)).build()
            .issue(subject, scope.split(" "));
    }

    /**
     * The signing secret: {@code NETTLE_JWT_SECRET}, else random, made once per process with a
     * warning (the multi example accepts the same tokens).
     */
    static byte[] secret() {
        return Secret.KEY.clone();
    }

    private static final class Secret {
        static final byte[] KEY = DevSecrets.fromEnvironment("NETTLE_JWT_SECRET", "tokens");
    }
}
