package io.nettle.examples;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Routable;
import io.nettle.routing.Route;
import io.nettle.websocket.WebSocketRoute;

/**
 * A WebSocket echo: {@code /ws} sends every text and binary message back unchanged, and
 * {@code GET /} serves a page whose inline script talks to it (by a relative URL, so that
 * it works mounted under a prefix too).
 * <pre>
 * java -jar nettle-examples.jar echo --port 8000   then open http://127.0.0.1:8000/
 * </pre>
 */
public final class EchoExample {

    public static void main(String[] argv) throws InterruptedException {
        Arguments args = Arguments.parse(argv);
        try (Server server = app(args.settings()).serve(args.host(), args.port())) {
            args.printStarted("echo", server);
            server.awaitShutdown();
        }
    }

    public static App app(ServerSettings settings) {
        return App.builder().settings(settings).route(routes()).build();
    }

    public static Routable[] routes() {
        String page = Html.resource("echo.html");
        return new Routable[] {
            Route.get("/", Endpoint.sync(request -> Response.html(page))).name("page"),
            WebSocketRoute.of("/ws", ws -> {
                ws.accept();
                ws.onText(ws::sendText);
                ws.onBinary(ws::sendBytes);
            }).name("echo")};
    }
}
