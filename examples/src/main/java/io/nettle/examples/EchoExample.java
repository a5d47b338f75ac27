package io.nettle.examples;

import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Routable;
import io.nettle.routing.Route;
import io.nettle.websocket.WebSocketRoute;
import java.util.List;

/**
 * A WebSocket echo: {@code /ws} sends every text and binary message back unchanged, and
 * {@code GET /} serves a page whose inline script talks to it (by a relative URL, so that
 * it works mounted under a prefix too).
 * <pre>
 * java -jar nettle-examples.jar echo --port 8000   then open http://127.0.0.1:8000/
 * </pre>
 */
public final class EchoExample implements MountableExample {

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String description() {
        return "WebSocket echo on /ws and a page at / that talks to it";
    }

    @Override
    public List<Routable> routes() {
        String page = Html.resource("echo.html");
        return List.of(
            Route.get("/", Endpoint.sync(request -> Response.html(page))).name("page"),
            WebSocketRoute.of("/ws", ws -> {
                ws.accept();
                ws.onText(ws::sendText);
                ws.onBinary(ws::sendBytes);
            }).name("echo"));
    }
}
