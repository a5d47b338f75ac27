package io.nettle.auth;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.App;
import io.nettle.auth.backends.SessionBackend;
import io.nettle.http.Response;
import io.nettle.middleware.SessionMiddleware;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.security.Secrets;
import io.nettle.testkit.Body;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.WebSocketTestSession;
import io.nettle.testkit.Wire;
import io.nettle.websocket.CloseCodes;
import io.nettle.websocket.WebSocket;
import io.nettle.websocket.WebSocketDisconnect;
import io.nettle.websocket.WebSocketRoute;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A browser login flow: a login form, a session cookie, guarded pages and a guarded WebSocket. */
@OnEveryProtocol
class SessionLoginTest {
    private final Wire wire;

    SessionLoginTest(Wire wire) {
        this.wire = wire;
    }

    private static final String KEY = "a-32-byte-or-longer-session-signing-key";
    private static final Map<String, String> PASSWORDS = Map.of("tom", "secret", "ada", "lovelace");

    static App app(AuthenticationBackend backend) {
        return App.builder()
            .middleware(SessionMiddleware.builder().secretKey(KEY).build(), new AuthenticationMiddleware(backend))
            .route(Route.get("/login", Endpoint.sync(request -> Response.html("<form method=post>...</form>"))).name("login"))
            .route(Route.post("/login", request -> request.form().thenApply(form -> {
                String username = form.get("username").orElse("");
                String expected = PASSWORDS.get(username);
                boolean valid = Secrets.constantTimeEquals(form.get("password").orElse(""), expected != null ? expected : "\0no such user");
                if (!valid || expected == null) {
                    return Response.text("Invalid username or password").withStatus(400);
                }
                SessionBackend.login(request.session(), username, "authenticated");
                return Response.redirect(SafeRedirects.next(request, "/"), 303);
            })))
            .route(Route.post("/logout", Endpoint.sync(request -> {
                SessionBackend.logout(request.session());
                return Response.redirect("/", 303);
            })))
            .route(Route.get("/admin", Guard.requires("authenticated").redirect("login").wrap(Endpoint.sync(request ->
                Response.json(Map.of("user", request.user().displayName(), "scopes", request.auth().scopes()))))))
            .route(WebSocketRoute.of("/ws", Guard.requires("authenticated").wrapWebSocket(ws -> {
                ws.accept();
                ws.sendText("hello " + ws.user().displayName());
                ws.close(1000, "");
            })))
            .build();
    }

    static final App APP = app(new SessionBackend());

    static TestResponse logIn(TestClient client, String path, String username, String password) {
        return client.post(path, Body.form(Map.of("username", username, "password", password)));
    }

    @Test
    void aGuardedPageSendsTheVisitorToTheLoginFormAndBackAfterLoggingIn() {
        try (TestClient client = TestClient.of(APP, wire)) {
            TestResponse denied = client.get("/admin?tab=2");
            assertThat(denied).redirectsTo(303, "http://testserver/login?next=http%3A%2F%2Ftestserver%2Fadmin%3Ftab%3D2");
            assertThat(client.cookies()).isEmpty();

            String loginPath = denied.header("Location").orElseThrow().substring(TestClient.BASE_URL.length());
            TestResponse loggedIn = logIn(client, loginPath, "tom", "secret");
            assertThat(loggedIn).redirectsTo(303, "/admin?tab=2");
            assertThat(loggedIn.cookies()).containsKey("session");

            assertThat(client.get("/admin?tab=2")).hasStatus(200).hasJsonBody("{\"user\": \"tom\", \"scopes\": [\"authenticated\"]}");
        }
    }

    @Test
    void aLoginWithoutNextOrWithAForeignNextLandsOnTheHomePage() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(logIn(client, "/login", "ada", "lovelace")).redirectsTo(303, "/");
            client.clearCookies();
            assertThat(logIn(client, "/login?next=https%3A%2F%2Fevil.example%2F", "ada", "lovelace")).redirectsTo(303, "/");
            assertThat(logIn(client, "/login?next=%2F%2Fevil.example", "ada", "lovelace")).redirectsTo(303, "/");
        }
    }

    @Test
    void wrongCredentialsSetNoSession() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(logIn(client, "/login", "tom", "wrong")).hasStatus(400).hasNoHeader("Set-Cookie");
            assertThat(logIn(client, "/login", "mallory", "secret")).hasStatus(400).hasNoHeader("Set-Cookie");
            assertThat(client.get("/admin")).hasStatus(303);
        }
    }

    @Test
    void loggingOutClearsTheSessionAndGuardedPagesRedirectAgain() {
        try (TestClient client = TestClient.of(APP, wire)) {
            logIn(client, "/login", "tom", "secret");
            assertThat(client.get("/admin")).hasStatus(200);

            TestResponse loggedOut = client.post("/logout", Body.text(""));
            assertThat(loggedOut).redirectsTo(303, "/");
            assertThat(loggedOut.header("Set-Cookie").orElseThrow()).startsWith("session=;").contains("Max-Age=0");
            assertThat(client.cookies()).doesNotContainKey("session");
            assertThat(client.get("/admin")).hasStatus(303);
        }
    }

    @Test
    void aForgedOrTamperedSessionCookieIsAnonymous() {
        try (TestClient client = TestClient.of(APP, wire)) {
            logIn(client, "/login", "tom", "secret");
            String genuine = client.cookies().get("session");
            client.cookie("session", genuine.substring(0, genuine.length() - 2) + (genuine.endsWith("AA") ? "BB" : "AA"));
            assertThat(client.get("/admin")).hasStatus(303);
            client.cookie("session", "eyJleHAiOjk5OTk5OTk5OTksImRhdGEiOnsidXNlciI6eyJ1c2VybmFtZSI6ImFkbWluIn19fQ.");
            assertThat(client.get("/admin")).hasStatus(303);
        }
    }

    @Test
    void aWebSocketHandshakeCarryingTheSessionCookieSeesTheUser() {
        Assumptions.assumeTrue(wire != Wire.HTTP2, "a WebSocket handshake is an HTTP/1.1 Upgrade on every wire (no RFC 8441 "
            + "extended CONNECT): on HTTP2 this would only repeat the NIO run");
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThatThrownBy(() -> client.websocketConnect("/ws"))
                .isInstanceOfSatisfying(WebSocketDisconnect.class, e -> assertThat(e.code()).isEqualTo(CloseCodes.POLICY_VIOLATION));

            logIn(client, "/login", "tom", "secret");
            try (WebSocketTestSession ws = client.websocketConnect("/ws")) {
                assertThat(ws.receiveText()).isEqualTo("hello tom");
            }
        }
    }

    @Test
    void aMapperReadsUsersStoredInAnotherShape() {
        SessionBackend byId = new SessionBackend(session -> session.getString("uid").map(id -> AuthResult.user(id, "authenticated")));
        App app = App.builder()
            .middleware(SessionMiddleware.builder().secretKey(KEY).build(), new AuthenticationMiddleware(byId))
            .route(Route.post("/as/{id}", Endpoint.sync(request -> {
                request.session().put("uid", request.pathParam("id"));
                return Response.text("ok");
            })))
            .route(Route.get("/me", Endpoint.sync(request -> Response.text(request.user().displayName()))))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/me")).hasBody("");
            client.post("/as/u-42", Body.text(""));
            assertThat(client.get("/me")).hasBody("u-42");
        }
    }

    @Test
    void aStoredUserOfAnotherShapeIsAnonymousNotAnError() {
        App app = App.builder()
            .middleware(SessionMiddleware.builder().secretKey(KEY).build(), new AuthenticationMiddleware(new SessionBackend()))
            .route(Route.post("/store", request -> request.json().thenApply(json -> {
                request.session().put(SessionBackend.KEY, json);
                return Response.text("ok");
            })))
            .route(Route.get("/me", Endpoint.sync(request -> Response.text(String.valueOf(request.user().isAuthenticated())))))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            for (String shape : new String[] {"\"tom\"", "{}", "{\"username\": \"\"}", "{\"username\": 7, \"scopes\": []}",
                "{\"username\": \"tom\"}", "{\"username\": \"tom\", \"scopes\": \"authenticated\"}",
                "{\"username\": \"tom\", \"scopes\": [1]}"}) {
                client.post("/store", Body.rawJson(shape));
                assertThat(client.get("/me")).as(shape).hasStatus(200).hasBody("false");
            }
            client.post("/store", Body.rawJson("{\"username\": \"tom\", \"scopes\": []}"));
            assertThat(client.get("/me")).hasBody("true");
        }
    }

    @Test
    void withoutSessionMiddlewareTheAppDoesNotBuild() {
        App.Builder app = App.builder()
            .middleware(new AuthenticationMiddleware(new SessionBackend()))
            .route(Route.get("/", Endpoint.sync(request -> Response.text("unreachable"))));
        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(app::build)
            .withMessageContaining("install it first");
    }
}
