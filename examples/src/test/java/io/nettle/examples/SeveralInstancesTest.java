package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.ServerSettings;
import io.nettle.redis.Redis;
import io.nettle.testkit.Body;
import io.nettle.testkit.RedisServer;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.WebSocketTestSession;
import io.nettle.testkit.Wire;
import io.nettle.websocket.WebSocketDisconnect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chat and session examples as two instances sharing one Redis (what {@code --redis} sets
 * up): a chat message crosses instances with the text it has on one, and a login, a logout and
 * the sign-in throttle hold on both.
 */
class SeveralInstancesTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static final String ORIGIN = "https://chat.example";

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** An instance's connections to the shared Redis. */
    private Redis redis() {
        Redis redis = Redis.connect(REDIS.uri());
        open.add(redis);
        return redis;
    }

    private TestClient chat() {
        TestClient instance = TestClient.of(ChatExample.app(ServerSettings.defaults(), redis().broadcast(), ORIGIN), Wire.NIO);
        open.add(instance);
        return instance;
    }

    private TestClient session() {
        Redis redis = redis();
        TestClient instance = TestClient.of(SessionExample.app(ServerSettings.defaults(), redis.sessionStore(), redis.throttleStore()), Wire.NIO);
        open.add(instance);
        return instance;
    }

    private static Map<String, String> as(String user) {
        Map<String, String> headers = new HashMap<>(Map.of("Origin", ORIGIN));
        headers.put("Authorization", DemoLogin.basic(user + ":secret"));
        return headers;
    }

    @Test
    void aMessageAdminSendsOnOneInstanceReachesTomOnTheOther() {
        TestClient one = chat();
        TestClient two = chat();
        try (WebSocketTestSession tom = two.websocketConnect("/chat/lobby", as("tom"))) {
            assertThat(tom.receiveText()).isEqualTo("{\"user\":\"tom\",\"event\":\"joined\"}");
            try (WebSocketTestSession admin = one.websocketConnect("/chat/lobby", as("admin"))) {
                assertThat(tom.receiveText()).isEqualTo("{\"user\":\"admin\",\"event\":\"joined\"}");
                assertThat(admin.receiveText()).isEqualTo("{\"user\":\"admin\",\"event\":\"joined\"}");
                admin.sendText("hello \"tom\"\non two");
                assertThat(tom.receiveText()).isEqualTo("{\"user\":\"admin\",\"text\":\"hello \\\"tom\\\"\\non two\"}");
                assertThat(admin.receiveText()).isEqualTo("{\"user\":\"admin\",\"text\":\"hello \\\"tom\\\"\\non two\"}");
            }
            assertThat(tom.receiveText()).isEqualTo("{\"user\":\"admin\",\"event\":\"left\"}");
        }
    }

    @Test
    void whenRedisIsDownJoiningARoomIsRefusedWith1013() throws Exception {
        TestClient one = chat();
        REDIS.stop();
        try {
            assertThatThrownBy(() -> one.websocketConnect("/chat/lobby", as("tom")))
                .isInstanceOfSatisfying(WebSocketDisconnect.class, closed -> assertThat(closed.code()).isEqualTo(1013))
                .hasMessageContaining("Chat is unavailable, try again later");
        } finally {
            REDIS.start();
        }
    }

    @Test
    void aLoginOnOneInstanceHoldsOnTheOtherAndALogoutOnTheOtherEndsIt() {
        TestClient one = session();
        TestClient two = session();
        Body login = Body.form(Map.of("username", "tom", "password", "secret",
            "csrf_token", SessionExampleTest.token(one, "/login", Map.of())));
        assertThat(one.post("/login", login)).hasStatus(303);
        one.cookies().forEach(two::cookie);
        assertThat(two.get("/account")).hasStatus(200).hasBodyContaining("You are tom");
        String logoutToken = SessionExampleTest.token(two, "/login", Map.of());
        assertThat(two.post("/logout", Body.form(Map.of("csrf_token", logoutToken)))).hasStatus(303);
        assertThat(one.get("/account")).as("the session ended on every instance").hasStatus(303);
    }

    @Test
    void wrongPasswordsCountAcrossInstances() {
        TestClient one = session();
        TestClient two = session();
        for (int attempt = 1; attempt <= 9; attempt++) {
            TestClient instance = attempt % 2 == 0 ? two : one;
            Body wrong = Body.form(Map.of("username", "admin", "password", "guess" + attempt,
                "csrf_token", SessionExampleTest.token(instance, "/login", Map.of())));
            assertThat(instance.post("/login", wrong)).as("attempt " + attempt).hasStatus(401);
        }
        Body tenth = Body.form(Map.of("username", "admin", "password", "guess10", "csrf_token", SessionExampleTest.token(two, "/login", Map.of())));
        assertThat(two.post("/login", tenth)).as("the tenth, counted with the ones made on the other instance").hasStatus(429)
            .hasHeader("Retry-After", "900");
    }
}
