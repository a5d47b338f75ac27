package io.nettle.middleware;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.nettle.App;
import io.nettle.http.Cookie;
import io.nettle.http.Response;
import io.nettle.http.Session;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testing.MovableClock;
import io.nettle.testkit.Body;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.WebSocketTestSession;
import io.nettle.testkit.Wire;
import io.nettle.websocket.WebSocketRoute;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

@OnEveryProtocol
class SessionTest {
    private final Wire wire;

    SessionTest(Wire wire) {
        this.wire = wire;
    }

    private static final String KEY = "k".repeat(32) + "-current";
    private static final String OLD_KEY = "o".repeat(32) + "-previous";
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private final MovableClock clock = new MovableClock(START);

    /** A clock that tests move forward. */
    private SessionMiddleware.Builder sessions() {
        return SessionMiddleware.builder().secretKey(KEY).clock(clock);
    }

    private static App app(SessionMiddleware sessions) {
        return App.builder()
            .middleware(sessions)
            .route(Route.get("/session", Endpoint.sync(request -> Response.json(request.session().asMap()))))
            .route(Route.post("/session", request -> request.json().thenApply(values -> {
                values.properties().forEach(field -> request.session().put(field.getKey(), field.getValue()));
                return Response.json(request.session().asMap());
            })))
            .route(Route.post("/count", Endpoint.sync(request -> {
                int count = request.session().get("count", Integer.class).orElse(0) + 1;
                request.session().put("count", count);
                return Response.text(String.valueOf(count));
            })))
            .route(Route.post("/clear", Endpoint.sync(request -> {
                request.session().clear();
                return Response.text("cleared");
            })))
            .route(Route.post("/big", Endpoint.sync(request -> {
                request.session().put("blob", "x".repeat(Integer.parseInt(request.queryParam("size").orElseThrow())));
                return Response.text("stored");
            })))
            .route(WebSocketRoute.of("/ws", ws -> {
                ws.accept();
                ws.sendJson(ws.session().asMap());
                try {
                    ws.session().put("changed", true);
                    ws.sendText("changed");
                } catch (IllegalStateException readOnly) {
                    ws.sendText(readOnly.getMessage());
                }
                ws.close(1000, "");
            }))
            .exceptionHandler(IllegalStateException.class, (request, e) -> Response.text(e.getMessage()).withStatus(500))
            .build();
    }

    private App app() {
        return app(sessions().build());
    }

    private static String setCookie(TestResponse response) {
        List<String> lines = response.headers().getAll("Set-Cookie");
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    /** A cookie value made as the documented format says, independently of Nettle's code. */
    private static String signed(String key, String cookieName, String json) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = b64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return payload + "." + b64.encodeToString(mac.doFinal((cookieName + "=" + payload).getBytes(StandardCharsets.US_ASCII)));
    }

    private static long epoch(Instant instant) {
        return instant.getEpochSecond();
    }

    @Test
    void valuesSetInOneRequestAreReadInTheNextThroughTheCookieJar() {
        try (TestClient client = TestClient.of(app(), wire)) {
            TestResponse first = client.get("/session");
            assertThat(first).hasJsonBody("{}").hasNoHeader("Set-Cookie");

            assertThat(client.post("/session", Body.json(Map.of("user", "tom", "cart", List.of(7, 9))))).hasStatus(200);
            assertThat(client.cookies()).containsKey("session");

            assertThat(client.get("/session")).hasJsonBody("{\"user\": \"tom\", \"cart\": [7, 9]}");
            assertThat(client.post("/count", Body.text(""))).hasBody("1");
            assertThat(client.post("/count", Body.text(""))).hasBody("2");
            assertThat(client.post("/count", Body.text(""))).hasBody("3");
            assertThat(client.get("/session")).hasJsonBody("{\"user\": \"tom\", \"cart\": [7, 9], \"count\": 3}");
        }
    }

    @Test
    void anUnchangedSessionIsNotWrittenAgain() {
        try (TestClient client = TestClient.of(app(), wire)) {
            client.post("/session", Body.json(Map.of("user", "tom")));
            assertThat(client.get("/session")).hasJsonBody("{\"user\": \"tom\"}").hasNoHeader("Set-Cookie");
            assertThat(client.post("/session", Body.json(Map.of("user", "tom")))).hasNoHeader("Set-Cookie");
            assertThat(client.post("/clear", Body.text(""))).hasStatus(200);
            assertThat(client.get("/session")).hasNoHeader("Set-Cookie");
        }
    }

    @Test
    void theCookieIsHttpOnlyLaxForTheWholeSiteAndLastsFourteenDaysByDefault() {
        try (TestClient client = TestClient.of(app(), wire)) {
            String line = setCookie(client.post("/session", Body.json(Map.of("a", 1))));
            assertThat(line).startsWith("session=")
                .contains("; Max-Age=1209600", "; Path=/", "; HttpOnly", "; SameSite=Lax")
                .doesNotContain("Secure", "Domain");
            assertThat(line.substring("session=".length(), line.indexOf(';'))).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
        }
    }

    @Test
    void theCookieAttributesFollowTheOptions() {
        SessionMiddleware configured = sessions().cookieName("sid").maxAge(Duration.ofHours(1)).path("/app")
            .domain("example.com").sameSite(Cookie.SameSite.STRICT).httpsOnly(true).build();
        try (TestClient client = TestClient.of(app(configured), wire)) {
            String line = setCookie(client.post("/session", Body.json(Map.of("a", 1))));
            assertThat(line).startsWith("sid=")
                .contains("; Max-Age=3600", "; Path=/app", "; Domain=example.com", "; Secure", "; HttpOnly", "; SameSite=Strict");
            String deletion = setCookie(client.post("/clear", Body.text("")));
            assertThat(deletion).startsWith("sid=;")
                .contains("; Max-Age=0", "; Path=/app", "; Domain=example.com", "; Secure", "; HttpOnly", "; SameSite=Strict");
        }
    }

    @Test
    void clearingTheSessionDeletesTheCookie() {
        try (TestClient client = TestClient.of(app(), wire)) {
            client.post("/session", Body.json(Map.of("user", "tom")));
            String deletion = setCookie(client.post("/clear", Body.text("")));
            assertThat(deletion).startsWith("session=;").contains("; Max-Age=0", "; Path=/", "; HttpOnly");
            assertThat(client.cookies()).doesNotContainKey("session");
            assertThat(client.get("/session")).hasJsonBody("{}").hasNoHeader("Set-Cookie");
        }
    }

    @Test
    void aTamperedCookieIsAnEmptySessionAndIsDeleted() throws Exception {
        try (TestClient client = TestClient.of(app(), wire)) {
            client.post("/session", Body.json(Map.of("user", "tom")));
            String genuine = client.cookies().get("session");
            String payload = genuine.substring(0, genuine.indexOf('.'));
            String signature = genuine.substring(genuine.indexOf('.') + 1);
            String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"exp\": " + epoch(START.plus(Duration.ofDays(1))) + ", \"iat\": " + epoch(START) + ", \"data\": {\"user\": \"admin\"}}").getBytes(StandardCharsets.UTF_8));
            UnaryOperator<String> flipLast = s -> s.substring(0, s.length() - 1) + (s.endsWith("A") ? "B" : "A");

            for (String tampered : List.of(forgedPayload + "." + signature, flipLast.apply(payload) + "." + signature,
                payload + "." + flipLast.apply(signature), payload + "." + signature.substring(1), payload + "." + signature + "AA")) {
                client.cookie("session", tampered);
                TestResponse response = client.get("/session");
                assertThat(response).hasStatus(200).hasJsonBody("{}");
                assertThat(setCookie(response)).startsWith("session=;").contains("Max-Age=0");
            }
        }
    }

    @Test
    void aCookieSignedWithAnotherKeyOrForAnotherCookieNameIsAnEmptySession() throws Exception {
        String json = "{\"exp\": " + epoch(START.plus(Duration.ofDays(1))) + ", \"iat\": " + epoch(START) + ", \"data\": {\"user\": \"tom\"}}";
        try (TestClient client = TestClient.of(app(), wire)) {
            client.cookie("session", signed(KEY, "session", json));
            assertThat(client.get("/session")).hasJsonBody("{\"user\": \"tom\"}");

            client.cookie("session", signed("w".repeat(40), "session", json));
            assertThat(client.get("/session")).hasJsonBody("{}");

            client.cookie("session", signed(KEY, "other", json));
            assertThat(client.get("/session")).hasJsonBody("{}");
        }
    }

    @Test
    void anExpiredSessionIsEmptyAndItsCookieDeleted() {
        try (TestClient client = TestClient.of(app(sessions().maxAge(Duration.ofHours(1)).build()), wire)) {
            client.post("/session", Body.json(Map.of("user", "tom")));
            clock.advance(Duration.ofMinutes(29));
            assertThat(client.get("/session")).hasJsonBody("{\"user\": \"tom\"}").hasNoHeader("Set-Cookie");
            clock.advance(Duration.ofMinutes(31));
            TestResponse expired = client.get("/session");
            assertThat(expired).hasJsonBody("{}");
            assertThat(setCookie(expired)).contains("Max-Age=0");
        }
    }

    @Test
    void theExpiryInsideTheCookieIsEnforcedEvenWhenTheBrowserKeepsTheCookie() throws Exception {
        try (TestClient client = TestClient.of(app(), wire)) {
            client.cookie("session", signed(KEY, "session", "{\"exp\": " + epoch(START) + ", \"iat\": " + epoch(START) + ", \"data\": {\"user\": \"tom\"}}"));
            assertThat(client.get("/session")).hasJsonBody("{}");
            client.cookie("session", signed(KEY, "session", "{\"exp\": " + (epoch(START) + 1) + ", \"iat\": " + epoch(START) + ", \"data\": {\"user\": \"tom\"}}"));
            assertThat(client.get("/session")).hasJsonBody("{\"user\": \"tom\"}");
        }
    }

    @Test
    void aSessionPastHalfItsLifetimeIsWrittenAgainWithAFreshExpiry() {
        try (TestClient client = TestClient.of(app(sessions().maxAge(Duration.ofHours(10)).build()), wire)) {
            client.post("/session", Body.json(Map.of("user", "tom")));
            clock.advance(Duration.ofHours(4));
            assertThat(client.get("/session")).hasNoHeader("Set-Cookie");
            clock.advance(Duration.ofHours(2));
            assertThat(setCookie(client.get("/session"))).contains("Max-Age=36000");
            clock.advance(Duration.ofHours(9));
            assertThat(client.get("/session")).hasJsonBody("{\"user\": \"tom\"}");
        }
    }

    @Test
    void previousKeysAreAcceptedAndTheirSessionsResignedWithTheCurrentKey() {
        App before = app(SessionMiddleware.builder().secretKey(OLD_KEY).clock(clock).build());
        App rotated = app(sessions().previousSecretKey(OLD_KEY).build());
        App afterRotation = app(sessions().build());
        String oldCookie;
        try (TestClient client = TestClient.of(before, wire)) {
            client.post("/session", Body.json(Map.of("user", "tom")));
            oldCookie = client.cookies().get("session");
        }
        String newCookie;
        try (TestClient client = TestClient.of(rotated, wire)) {
            client.cookie("session", oldCookie);
            TestResponse response = client.get("/session");
            assertThat(response).hasJsonBody("{\"user\": \"tom\"}");
            assertThat(setCookie(response)).startsWith("session=").doesNotContain("Max-Age=0");
            newCookie = client.cookies().get("session");
            assertThat(newCookie).isNotEqualTo(oldCookie);
            assertThat(client.get("/session")).hasJsonBody("{\"user\": \"tom\"}").hasNoHeader("Set-Cookie");
        }
        try (TestClient client = TestClient.of(afterRotation, wire)) {
            client.cookie("session", newCookie);
            assertThat(client.get("/session")).hasJsonBody("{\"user\": \"tom\"}");
            client.cookie("session", oldCookie);
            assertThat(client.get("/session")).hasJsonBody("{}");
        }
    }

    @Test
    void anOversizedSessionFailsTheRequestWithAClearErrorAndKeepsTheOldCookie() {
        try (TestClient client = TestClient.of(app(), wire)) {
            assertThat(client.post("/big?size=2000", Body.text(""))).hasStatus(200);
            String before = client.cookies().get("session");
            TestResponse tooBig = client.post("/big?size=4000", Body.text(""));
            assertThat(tooBig).hasStatus(500).hasNoHeader("Set-Cookie")
                .hasBodyContaining("more than the 4096 browsers must keep").hasBodyContaining("store less in the session");
            assertThat(client.cookies().get("session")).isEqualTo(before);
            assertThat(client.get("/session").json().get("blob").textValue()).hasSize(2000);
        }
    }

    @Test
    void garbageCookieValuesOfEveryShapeAreAnEmptySession() throws Exception {
        long future = epoch(START.plus(Duration.ofDays(1)));
        List<String> garbage = List.of("", ".", "..", "a.b", "abc", "a.b.c", "....", "=", "%00", "%2e", "\"quoted\"",
            "!!!.###", "e30.", ".e30", "e30.e30", "a".repeat(5000), "a".repeat(3000) + "." + "b".repeat(43),
            signed(KEY, "session", "not json"),
            signed(KEY, "session", "[]"),
            signed(KEY, "session", "null"),
            signed(KEY, "session", "{}"),
            signed(KEY, "session", "{\"exp\": \"" + future + "\", \"data\": {}}"),
            signed(KEY, "session", "{\"exp\": " + future + ".5, \"data\": {\"a\": 1}}"),
            signed(KEY, "session", "{\"exp\": 1" + "0".repeat(40) + ", \"data\": {\"a\": 1}}"),
            signed(KEY, "session", "{\"exp\": " + future + ", \"data\": [1]}"),
            signed(KEY, "session", "{\"exp\": " + future + ", \"data\": {\"a\": 1}} trailing"),
            signed(KEY, "session", "{\"exp\": " + future + ", \"data\": {\"a\": " + "[".repeat(300) + "]".repeat(300) + "}}"),
            signed(KEY, "session", "{\"exp\": " + future + ", \"data\": {\"a\": 1" + "0".repeat(300) + "}}"),
            signed(KEY, "session", "{\"exp\": -1, \"data\": {\"a\": 1}}"));
        try (TestClient client = TestClient.of(app(), wire)) {
            for (String value : garbage) {
                client.cookie("session", value);
                TestResponse response = client.get("/session");
                assertThat(response).as("cookie %s", value.length() > 60 ? value.substring(0, 60) + "..." : value)
                    .hasStatus(200).hasJsonBody("{}");
            }
        }
    }

    @Test
    void aWebSocketSeesTheSessionReadOnly() {
        Assumptions.assumeTrue(wire != Wire.HTTP2, "a WebSocket handshake is an HTTP/1.1 Upgrade on every wire (no RFC 8441 "
            + "extended CONNECT): on HTTP2 this would only repeat the NIO run");
        try (TestClient client = TestClient.of(app(), wire)) {
            client.post("/session", Body.json(Map.of("user", "tom")));
            try (WebSocketTestSession ws = client.websocketConnect("/ws")) {
                JsonNode seen = ws.receiveJson();
                assertThat(seen.get("user").textValue()).isEqualTo("tom");
                assertThat(ws.receiveText()).contains("read-only");
            }
            client.clearCookies();
            try (WebSocketTestSession ws = client.websocketConnect("/ws")) {
                assertThat(ws.receiveJson().isEmpty()).isTrue();
            }
        }
    }

    @Test
    void readingTheSessionWithoutTheMiddlewareSaysWhatToInstall() {
        App bare = App.builder()
            .route(Route.get("/", Endpoint.sync(request -> Response.json(request.session().asMap()))))
            .exceptionHandler(IllegalStateException.class, (request, e) -> Response.text(e.getMessage()).withStatus(500))
            .build();
        try (TestClient client = TestClient.of(bare, wire)) {
            assertThat(client.get("/")).hasStatus(500).hasBodyContaining("SessionMiddleware must be installed");
        }
    }

    @Test
    void sessionValuesAreJsonCopiedInAndOut() {
        record Prefs(String theme, int size) {
        }
        Session session = Session.empty();
        assertThat(session.isModified()).isFalse();
        session.put("prefs", new Prefs("dark", 12)).put("name", "tom");
        assertThat(session.isModified()).isTrue();
        assertThat(session.get("prefs")).contains(Map.of("theme", "dark", "size", 12));
        assertThat(session.get("prefs", Prefs.class)).contains(new Prefs("dark", 12));
        assertThat(session.getString("name")).contains("tom");
        assertThatThrownBy(() -> session.getString("prefs")).isInstanceOf(IllegalStateException.class).hasMessageContaining("not a string");
        assertThatThrownBy(() -> session.get("name", Prefs.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> session.put("bad", new Object())).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("cannot be written as JSON");
        assertThatThrownBy(() -> session.asMap().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);

        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) session.get("prefs").orElseThrow();
        copy.put("theme", "light");
        assertThat(session.get("prefs", Prefs.class)).contains(new Prefs("dark", 12));

        Session restored = Session.of(Map.of("name", "tom"));
        assertThat(restored.isModified()).isFalse();
        restored.put("name", "tom").remove("absent");
        assertThat(restored.isModified()).isFalse();
        restored.remove("name");
        assertThat(restored.isModified()).isTrue();
        assertThat(restored.isEmpty()).isTrue();

        Session readOnly = Session.readOnly(Map.of("name", "tom"));
        assertThatThrownBy(() -> readOnly.put("a", 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(readOnly::clear).isInstanceOf(IllegalStateException.class);
        assertThat(readOnly.getString("name")).contains("tom");
    }

    @Test
    void theBuilderRefusesUnsafeOrInvalidOptionsAtOnceWithoutEchoingTheKey() {
        String shortKey = "s3cr3t-but-only-31-bytes-long!!";
        assertThatThrownBy(() -> SessionMiddleware.builder().secretKey(shortKey))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes")
            .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> SessionMiddleware.builder().secretKey(KEY).previousSecretKey("short"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> SessionMiddleware.builder().build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("secretKey");
        assertThatThrownBy(() -> SessionMiddleware.builder().secretKey(KEY).secretKey(OLD_KEY))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("previousSecretKey");
        assertThatThrownBy(() -> SessionMiddleware.builder().secretKey(KEY).sameSite(Cookie.SameSite.NONE).build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("httpsOnly");
        assertThatThrownBy(() -> SessionMiddleware.builder().cookieName("bad name"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionMiddleware.builder().maxAge(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionMiddleware.builder().path("app"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionMiddleware.builder().domain("example.com; Secure"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(SessionMiddleware.builder().secretKey(KEY).sameSite(Cookie.SameSite.NONE).httpsOnly(true).build()).isNotNull();
    }
}
