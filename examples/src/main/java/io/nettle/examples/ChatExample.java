package io.nettle.examples;

import static io.nettle.auth.Guard.requires;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.broadcast.Broadcast;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.http.HttpException;
import io.nettle.http.Json;
import io.nettle.http.Response;
import io.nettle.middleware.Middleware;
import io.nettle.redis.Redis;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Routable;
import io.nettle.routing.Route;
import io.nettle.websocket.CloseCodes;
import io.nettle.websocket.WebSocket;
import io.nettle.websocket.WebSocketOptions;
import io.nettle.websocket.WebSocketRoute;
import io.nettle.websocket.WebSocketState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * <p>
 * <b>Several instances.</b> A room is a {@link Broadcast} topic, {@code chat:<room>}: in this
 * process by default, or shared through Redis with {@code --redis redis://127.0.0.1:6379}, so
 * that a message sent on one instance reaches the room's members on every instance:
 * <pre>
 * java -jar nettle-examples.jar chat --port 8001 --redis redis://127.0.0.1:6379
 * java -jar nettle-examples.jar chat --port 8002 --redis redis://127.0.0.1:6379
 * </pre>
 * When the room cannot be joined or a message cannot be passed on (Redis unreachable), the
 * WebSocket is closed with {@code 1013 Chat is unavailable, try again later}: a message is
 * never silently lost.
 */
public final class ChatExample {
    /** The origins allowed when {@code NETTLE_CHAT_ORIGINS} is not set: the page served on the default port. */
    static final String DEFAULT_ORIGINS = "http://127.0.0.1:8000,http://localhost:8000";

    /** The longest room name. */
    static final int MAX_ROOM_NAME = 100;
    /** Why a member's WebSocket is closed when the rooms are out of reach. */
    static final String UNAVAILABLE = "Chat is unavailable, try again later";

    public static void main(String[] argv) throws InterruptedException {
        Arguments args = Arguments.parse(argv);
        Optional<Redis> redis = args.connectRedis();
        Broadcast rooms = redis.map(Redis::broadcast).orElseGet(Broadcast::inProcess);
        try (Server server = app(args.settings(), rooms, allowedOrigins()).serve(args.host(), args.port())) {
            args.printStarted("chat", server);
            server.awaitShutdown();
        } finally {
            redis.ifPresent(Redis::close);
        }
    }

    /** The chat on one instance, allowing browsers from {@code allowedOrigins} ({@code scheme://host[:port]}). */
    public static App app(ServerSettings settings, String... allowedOrigins) {
        return app(settings, Broadcast.inProcess(), allowedOrigins);
    }

    /** The chat with its rooms in {@code rooms} (shared by several instances when it is Redis's). */
    public static App app(ServerSettings settings, Broadcast rooms, String... allowedOrigins) {
        return App.builder().settings(settings).middleware(middleware()).route(routes(rooms, allowedOrigins)).build();
    }

    public static Routable[] routes(Broadcast rooms, String... allowedOrigins) {
        String page = Html.resource("chat.html");
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
                String name = ws.pathParam("room");
                if (name.length() > MAX_ROOM_NAME || name.chars().anyMatch(Character::isISOControl)) {
                    ws.close(CloseCodes.POLICY_VIOLATION, "A room name has 1 to " + MAX_ROOM_NAME + " characters, none of them control characters");
                    return;
                }
                String room = "chat:" + name;
                String user = ws.user().displayName();
                ws.accept();
                AtomicBoolean joined = new AtomicBoolean();
                ws.onClose((code, reason) -> {
                    if (joined.get()) {
                        rooms.publish(room, event(user, "left"));
                    }
                });
                // On the connection's own thread, in order with its close: a member who left meanwhile never joins.
                ws.subscribe(rooms, room).whenCompleteAsync((subscription, failure) -> {
                    if (failure != null) {
                        ws.close(CloseCodes.TRY_AGAIN_LATER, UNAVAILABLE);
                    } else if (ws.state() != WebSocketState.CLOSED) {
                        joined.set(true);
                        passOn(rooms, room, event(user, "joined"), ws);
                        ws.onText(text -> passOn(rooms, room, message(user, text), ws));
                    }
                }, ws.executor());
            }), options)};
    }

    /** Publishes {@code json} to the room; when that fails, the sender learns it by the close. */
    private static void passOn(Broadcast rooms, String room, String json, WebSocket sender) {
        rooms.publish(room, json).whenComplete((sent, failure) -> {
            if (failure != null) {
                sender.close(CloseCodes.TRY_AGAIN_LATER, UNAVAILABLE);
            }
        });
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
}
