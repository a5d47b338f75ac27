package io.nettle.examples;

import static io.nettle.auth.Guard.requires;

import com.fasterxml.jackson.databind.JsonNode;
import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.auth.backends.BasicAuthBackend;
import io.nettle.http.Connection;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.websocket.WebSocket;
import io.nettle.websocket.WebSocketRoute;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The app that is also written in Python with Starlette ({@code examples/parity/parity_app.py}),
 * so that both can be asked the same requests and compared ({@code examples/parity/run.sh}).
 * HTTP Basic as in Starlette's guide, users {@code tom}, {@code admin} and {@code rich} (password
 * {@code secret}), and one route per kind of guard. Its paths are a contract with the Python
 * twin, so it runs alone only (the showcase does not mount it).
 * <pre>
 * java -jar nettle-examples.jar parity --port 8000
 * curl -u tom:secret localhost:8000/dashboard     -> {"authenticated":true,"user":"tom"}
 * curl -i localhost:8000/admin                    -> 303 to /?next=...
 * </pre>
 */
public final class ParityExample {
    private static final Map<String, String[]> SCOPES = Map.of(
        "tom", new String[] {"authenticated"},
        "admin", new String[] {"authenticated", "admin"},
        "rich", new String[] {"authenticated", "premium"});

    /** Argon2id hashes (PHC strings) of each user's password, {@code secret}: the app keeps no password. */
    private static final Map<String, String> PASSWORD_HASHES = Map.of(
        "tom", "$argon2id$v=19$m=19456,t=2,p=1$/NquvvdfRkuAiJcKE8p37w$7Bm2huDjjdGjVYe0pkwPAc+cDJVnnN/GrgCJKUJJFcs",
        "admin", "$argon2id$v=19$m=19456,t=2,p=1$xTrvGE11KQIUNxDsHxPqqw$TwFlVcFJiy1ZRijY54F8Bxc4SjbD3stIUpDTYHOlV2U",
        "rich", "$argon2id$v=19$m=19456,t=2,p=1$WPhRw9OHghh55jroAAt3kw$G1ze+fyV5J9ute36ZfoBCxCGTw+43hLUp0lkZQ2fdr0");

    public static void main(String[] argv) throws InterruptedException {
        Arguments args = Arguments.parse(argv);
        try (Server server = app(args.settings()).serve(args.host(), args.port())) {
            args.printStarted("parity", server);
            server.awaitShutdown();
        }
    }

    public static App app(ServerSettings settings) {
        BasicAuthBackend backend = new BasicAuthBackend(BasicAuthBackend.Verifier.hashes(PASSWORD_HASHES,
            user -> AuthResult.user(user, SCOPES.get(user))));
        Endpoint who = Endpoint.sync(request -> Response.json(Who.of(request)));
        return App.builder()
            .settings(settings)
            .middleware(new AuthenticationMiddleware(backend))
            .route(Route.get("/", who).name("homepage"))
            .route(Route.get("/dashboard", requires("authenticated", who)))
            .route(Route.get("/admin", requires("authenticated").redirect("homepage").wrap(who)))
            .route(Route.get("/admin/panel", requires("authenticated", "admin").wrap(who)))
            .route(Route.get("/hidden", requires("admin").status(404).wrap(who)))
            .route(Route.get("/premium", requires("premium").status(402).wrap(who)))
            .route(Route.post("/echo", requires("authenticated", ParityExample::echo)))
            .route(Route.of("/items/{item_id:int}", Endpoint.sync(request ->
                Response.json(new Item(request.pathParams().getLong("item_id"), request.method()))), "GET", "POST"))
            .route(WebSocketRoute.of("/ws", requires("authenticated").wrapWebSocket(ParityExample::chat)))
            .route(WebSocketRoute.of("/ws/open", ParityExample::open))
            .build();
    }

    private static CompletionStage<Response> echo(Request request) {
        return request.json().thenApply(body -> Response.json(new Echo(request.user().displayName(), body)));
    }

    private static void chat(WebSocket ws) {
        ws.accept().thenRun(() -> {
            ws.sendJson(Who.of(ws));
            ws.onText(ws::sendText);
        });
    }

    private static void open(WebSocket ws) {
        ws.accept().thenRun(() -> ws.sendJson(Who.of(ws)).thenRun(ws::close));
    }

    /** The body most routes answer with. */
    record Who(boolean authenticated, String user) {
        static Who of(Connection connection) {
            return new Who(connection.user().isAuthenticated(), connection.user().displayName());
        }
    }

    record Echo(String user, JsonNode body) {
    }

    record Item(long item_id, String method) {
    }
}
