package io.nettle.examples;

import static io.nettle.auth.Guard.requires;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.auth.Challenges;
import io.nettle.http.HttpException;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.middleware.Middleware;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Routable;
import io.nettle.routing.Route;
import java.util.List;
import java.util.Map;

/**
 * Errors answered in JSON. Bad credentials go to the middleware's {@code onError} (the Starlette
 * guide's {@code on_auth_error}): {@code 401} with {@code {"error": ...}} and the backend's
 * {@code WWW-Authenticate} challenge ({@code Challenges.addTo}), so that a browser asks for a
 * password. Guards and routing raise {@code HttpException}s (401 from a guard with
 * {@code challenge()}, 403, 404), which the app's exception handlers turn into JSON.
 * <pre>
 * java -jar nettle-examples.jar errors --port 8000
 * curl -i localhost:8000/private                        -> 401 {"error":"Unauthorized"}, WWW-Authenticate: Basic
 * curl -H 'Authorization: Basic !!!' localhost:8000/    -> 401 {"error":"Invalid basic auth credentials"}
 * curl -u tom:secret localhost:8000/private             -> {"user":"tom"}
 * curl -u tom:secret localhost:8000/admin               -> 403 {"error":"Forbidden"}
 * curl localhost:8000/nowhere                           -> 404 {"error":"Not Found","path":"/nowhere"}
 * </pre>
 * Exception handlers belong to the whole app: in the showcase, every 401, 403 and 404 is JSON.
 */
public final class ErrorsExample {
    public static void main(String[] argv) throws InterruptedException {
        Arguments args = Arguments.parse(argv);
        try (Server server = app(args.settings()).serve(args.host(), args.port())) {
            args.printStarted("errors", server);
            server.awaitShutdown();
        }
    }

    public static App app(ServerSettings settings) {
        App.Builder app = App.builder().settings(settings).middleware(middleware()).route(routes());
        return jsonErrors(app).build();
    }

    public static Routable[] routes() {
        return new Routable[] {
            Route.get("/", Endpoint.sync(request -> Response.json(Map.of("try", List.of("/private", "/admin", "/nowhere"))))),
            Route.get("/private", requires("authenticated").challenge().wrap(Endpoint.sync(request ->
                Response.json(Map.of("user", request.user().displayName()))))),
            Route.get("/admin", requires("authenticated", "admin").wrap(Endpoint.sync(request ->
                Response.json(Map.of("admin", true)))))};
    }

    /** HTTP Basic over the demo users; bad credentials get a JSON 401 with the backend's challenge. */
    public static Middleware middleware() {
        return new AuthenticationMiddleware(DemoUsers.basic(), (request, error) ->
            Challenges.addTo(error(401, error.getMessage()), request));
    }

    /**
     * {@code app} with exception handlers answering 401, 403 and 404 in JSON. They belong to the
     * whole app, not to some routes: the showcase adds them to its own app.
     */
    public static App.Builder jsonErrors(App.Builder app) {
        return app
            .exceptionHandler(401, (request, e) -> Challenges.addTo(error(401, e.detail()), request))
            .exceptionHandler(403, (request, e) -> error(403, e.detail()))
            .exceptionHandler(404, ErrorsExample::notFound);
    }

    private static Response notFound(Request request, HttpException e) {
        return Response.json(Map.of("error", e.detail(), "path", request.path())).withStatus(404);
    }

    private static Response error(int status, String message) {
        return Response.json(Map.of("error", message)).withStatus(status);
    }
}
