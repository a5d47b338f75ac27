package io.nettle.examples;

import io.nettle.App;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.websocket.WebSocketRoute;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket echo: {@code /ws} sends every text and binary message back unchanged, and
 * {@code GET /} serves a page whose inline script talks to it.
 * <pre>
 * java -jar nettle-examples.jar echo --port 8000   then open http://127.0.0.1:8000/
 * </pre>
 */
public final class EchoExample implements Example {
    private static final String PAGE = "echo.html";

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String description() {
        return "WebSocket echo on /ws and a page at / that talks to it";
    }

    @Override
    public App app(ServerSettings settings) {
        String page = page();
        return App.builder()
            .settings(settings)
            .route(Route.get("/", Endpoint.sync(request -> Response.html(page))).name("page"))
            .route(WebSocketRoute.of("/ws", ws -> {
                ws.accept();
                ws.onText(ws::sendText);
                ws.onBinary(ws::sendBytes);
            }).name("echo"))
            .build();
    }

    private static String page() {
        try (InputStream in = EchoExample.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException(PAGE + " is missing from the examples jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PAGE, e);
        }
    }
}
