package io.nettle.examples;

import static io.nettle.auth.Guard.requires;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.auth.backends.BasicAuthBackend;
import io.nettle.http.Response;
import io.nettle.middleware.Middleware;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Routable;
import io.nettle.routing.Route;
import io.nettle.websocket.WebSocket;
import io.nettle.websocket.WebSocketRoute;

/**
 * The README's authentication example: HTTP Basic with two users, a greeting for everyone,
 * routes guarded by scope (a Basic challenge, a hidden 404, a redirect with {@code next}) and an
 * authenticated WebSocket. {@code /dashboard} answers a request without valid credentials
 * {@code 401} with {@code WWW-Authenticate: Basic realm="nettle"}, so that a browser asks for a
 * password ({@code Guard.challenge()}).
 * <pre>
 * java -jar nettle-examples.jar auth --port 8000
 * curl -u tom:secret localhost:8000/dashboard      -> dashboard
 * curl -i localhost:8000/dashboard                 -> 401, WWW-Authenticate: Basic realm="nettle", charset="UTF-8"
 * curl -i -u tom:wrong localhost:8000/dashboard    -> 401, WWW-Authenticate: Basic ...
 * curl -u tom:secret localhost:8000/admin          -> 404 (hidden from users without the scope)
 * curl -i localhost:8000/account                   -> 303 to /?next=...
 * </pre>
 */
public final class AuthExample {

    public static void main(String[] argv) throws InterruptedException {
        Arguments args = Arguments.parse(argv);
        try (Server server = app(args.settings()).serve(args.host(), args.port())) {
            args.printStarted("auth", server);
            server.awaitShutdown();
        }
    }

    public static App app(ServerSettings settings) {
        return App.builder().settings(settings).middleware(middleware()).route(routes()).build();
    }

    public static Routable[] routes() {
        return new Routable[] {
            Route.get("/", Endpoint.sync(request -> request.user().isAuthenticated()
                ? Response.text("Hello, " + request.user().displayName())
                : Response.text("Hello, you"))).name("homepage"),
            Route.get("/dashboard", requires("authenticated").challenge().wrap(Endpoint.sync(r -> Response.text("dashboard")))),
            Route.get("/admin", requires("authenticated", "admin").status(404)
                .wrap(Endpoint.sync(r -> Response.text("admin")))),
            Route.get("/account", requires("authenticated").redirect("homepage")
                .wrap(Endpoint.sync(r -> Response.text("account of " + r.user().displayName())))),
            WebSocketRoute.of("/ws", requires("authenticated").wrapWebSocket(ws -> {
                ws.accept();
                ws.onText(text -> ws.sendText(ws.user().displayName() + ": " + text));
            }))};
    }

    /** HTTP Basic: tom and admin, password {@code secret}; admin also has the scope {@code admin}. */
    public static Middleware middleware() {
        AuthenticationBackend backend = new BasicAuthBackend(BasicAuthBackend.Verifier.hashes(DemoUsers.HASHES,
            user -> AuthResult.user(user, user.equals("admin")
                ? new String[] {"authenticated", "admin"} : new String[] {"authenticated"})));
        return new AuthenticationMiddleware(backend);
    }
}
