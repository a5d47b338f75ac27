package io.nettle.examples;

import static io.nettle.auth.Guard.requires;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.auth.backends.ApiKeyBackend;
import io.nettle.auth.backends.JwtBearerBackend;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Mount;
import io.nettle.routing.Routable;
import io.nettle.routing.Route;
import java.util.Map;

/**
 * Several backends in one app, each part with its own: machines call {@code /api} with an API
 * key (a {@link Mount} with its own {@link AuthenticationMiddleware}), people use {@code /app}
 * with a bearer token or their password ({@link AuthenticationBackend#chain}: the JWT backend
 * first, Basic when the {@code Authorization} header is not a bearer token).
 * <pre>
 * java -jar nettle-examples.jar multi --port 8000
 * curl -H 'X-API-Key: demo-read-key' localhost:8000/api/whoami        -> {"user":"reader","via":"api key"}
 * curl -u tom:secret localhost:8000/app/whoami                        -> {"user":"tom","scopes":["authenticated"]}
 * curl -H "Authorization: Bearer $TOKEN" localhost:8000/app/whoami    -> {"user":"tom","scopes":["authenticated","reports:read"]}
 * curl -u tom:secret localhost:8000/api/whoami                        -> 403: /api takes API keys only
 * </pre>
 * {@code $TOKEN} comes from the {@code jwt} example's {@code POST /token}: both use the secret
 * of {@code NETTLE_JWT_SECRET} (see {@link JwtExample}). Without it each process makes a random
 * one at start (with a warning), so set it when the two run as separate processes.
 */
public final class MultiExample {

    public static void main(String[] argv) throws InterruptedException {
        Arguments args = Arguments.parse(argv);
        try (Server server = app(args.settings()).serve(args.host(), args.port())) {
            args.printStarted("multi", server);
            server.awaitShutdown();
        }
    }

    public static App app(ServerSettings settings) {
        return App.builder().settings(settings).route(routes()).build();
    }

    /** Two mounts, each with its own authentication middleware; no middleware around them all. */
    public static Routable[] routes() {
        ApiKeyBackend apiKeys = ApiKeyBackend.builder()
            .key(ApiKeyExample.READ_KEY, AuthResult.user("reader", "authenticated"))
            .build();
        AuthenticationBackend people = AuthenticationBackend.chain(
            JwtBearerBackend.builder().hs256(JwtExample.secret()).build(),
            DemoUsers.basic());
        return new Routable[] {
            Route.get("/", Endpoint.sync(request -> Response.text("/api takes an X-API-Key, /app a bearer token or Basic"))),
            Mount.of("/api",
                Route.get("/whoami", requires("authenticated", Endpoint.sync(request ->
                    Response.json(Map.of("user", request.user().displayName(), "via", "api key"))))))
                .middleware(new AuthenticationMiddleware(apiKeys)),
            Mount.of("/app",
                Route.get("/whoami", requires("authenticated", Endpoint.sync(MultiExample::whoami))))
                .middleware(new AuthenticationMiddleware(people))};
    }

    private static Response whoami(Request request) {
        return Response.json(Map.of("user", request.user().displayName(), "scopes", request.auth().scopes()));
    }
}
