package io.nettle.examples;

import static io.nettle.auth.Guard.requires;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.http.HttpException;
import io.nettle.http.Json;
import io.nettle.http.Response;
import io.nettle.middleware.Middleware;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Routable;
import io.nettle.routing.Route;
import io.nettle.websocket.WebSocket;
import io.nettle.websocket.WebSocketOptions;
import io.nettle.websocket.WebSocketRoute;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An authenticated chat: every text sent to the WebSocket {@code /chat/{room}} goes to everyone
 * in that room as one JSON message, {@code {"user":"tom","text":"hello"}}, with
 * {@code {"user":"tom","event":"joined"}} and {@code {"user":"tom","event":"left"}} as people
 * come and go. The sender is never part of the text, so a text holding a newline (or any other
 * character) cannot pass for another user's message: the page shows each message as one entry,
 * the sender in a column of its own. Users sign in with HTTP Basic: the page at {@code GET /} answers
 * {@code 401} with a challenge until the browser has asked for a password, and the browser then
 * sends the same credentials with the page's WebSocket handshake. A handshake without them is
 * closed with {@code 1008}.
 * <pre>
 * java -jar nettle-examples.jar chat, open http://127.0.0.1:8000/ in two browsers, sign in as tom / admin (password secret)
 * websocat -H 'Authorization: Basic dG9tOnNlY3JldA==' ws://127.0.0.1:8000/chat/lobby
 * </pre>
 * <b>Allowed origins.</b> Browsers send credentials (cookies, and Basic credentials they were
 * given) with a WebSocket handshake that any web site opens, so the route accepts only the
 * origins in {@code NETTLE_CHAT_ORIGINS} (comma-separated, e.g.
 * {@code https://chat.example.com}), by default {@value #DEFAULT_ORIGINS}: run on another host or
 * port, set it, or the browser's handshake is closed with {@code 1008 Origin not allowed}.
 * Clients that send no {@code Origin} (not browsers) are let through.
 */
public final class ChatExample {
    /** The origins allowed when {@code NETTLE_CHAT_ORIGINS} is not set: the page served on the default port. */
    static final String DEFAULT_ORIGINS = "http://127.0.0.1:8000,http://localhost:8000";

    public static void main(String[] argv) throws InterruptedException {
        Arguments args = Arguments.parse(argv);
        try (Server server = app(args.settings(), allowedOrigins()).serve(args.host(), args.port())) {
            args.printStarted("chat", server);
            server.awaitShutdown();
        }
    }

    /** The chat, allowing browsers from {@code allowedOrigins} ({@code scheme://host[:port]}). */
    public static App app(ServerSettings settings, String... allowedOrigins) {
        return App.builder().settings(settings).middleware(middleware()).route(routes(allowedOrigins)).build();
    }

    public static Routable[] routes(String... allowedOrigins) {
        String page = Html.resource("chat.html");
        Rooms rooms = new Rooms();
        WebSocketOptions options = WebSocketOptions.builder()
            .allowedOrigins(allowedOrigins)
            .maxMessageSize(4096)
            .maxFrameSize(4096)
            .build();
        return new Routable[] {
            Route.get("/", Endpoint.sync(request -> {
                if (!request.user().isAuthenticated()) {
                    throw new HttpException(401, "Sign in to chat", Map.of("WWW-Authenticate", "Basic realm=\"chat\""));
                }
                return Response.html(page);
            })),
            WebSocketRoute.of("/chat/{room}", requires("authenticated").wrapWebSocket(ws -> {
                String room = ws.pathParam("room");
                String user = ws.user().displayName();
                ws.accept();
                rooms.join(room, ws);
                rooms.broadcast(room, event(user, "joined"));
                ws.onText(text -> rooms.broadcast(room, message(user, text)));
                ws.onClose((code, reason) -> {
                    rooms.leave(room, ws);
                    rooms.broadcast(room, event(user, "left"));
                });
            }), options)};
    }

    /** {@code {"user": user, "text": text}}: what everyone in the room receives when {@code user} sends {@code text}. */
    static String message(String user, String text) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("user", user);
        json.put("text", text);
        return write(json);
    }

    /** {@code {"user": user, "event": event}}: {@code joined} or {@code left}. */
    static String event(String user, String event) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("user", user);
        json.put("event", event);
        return write(json);
    }

    private static String write(Map<String, String> json) {
        try {
            return Json.mapper().writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("strings always serialize", e);
        }
    }

    /** HTTP Basic over the demo users. */
    public static Middleware middleware() {
        return new AuthenticationMiddleware(DemoUsers.basic());
    }

    /** The origins of {@code NETTLE_CHAT_ORIGINS} (comma-separated), else {@link #DEFAULT_ORIGINS}. */
    public static String[] allowedOrigins() {
        return Optional.ofNullable(System.getenv("NETTLE_CHAT_ORIGINS")).orElse(DEFAULT_ORIGINS).split("\\s*,\\s*");
    }

    /** The connections in each room; a room is dropped when its last member leaves. */
    private static final class Rooms {
        private final Map<String, Set<WebSocket>> members = new ConcurrentHashMap<>();

        void join(String room, WebSocket ws) {
            members.compute(room, (name, present) -> {
                Set<WebSocket> set = present == null ? ConcurrentHashMap.newKeySet() : present;
                set.add(ws);
                return set;
            });
        }

        void leave(String room, WebSocket ws) {
            members.computeIfPresent(room, (name, set) -> {
                set.remove(ws);
                return set.isEmpty() ? null : set;
            });
        }

        /** Sends {@code text} to everyone in {@code room}; sends may be called from any thread. */
        void broadcast(String room, String text) {
            members.getOrDefault(room, Set.of()).forEach(member -> member.sendText(text));
        }
    }
}
