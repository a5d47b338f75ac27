package io.nettle.auth;

import static io.nettle.auth.Guard.requires;
import static io.nettle.auth.TestBackends.HEADERS;
import static io.nettle.auth.TestBackends.WHOAMI;
import static io.nettle.auth.TestBackends.as;
import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.App;
import io.nettle.http.Connection;
import io.nettle.routing.Route;
import io.nettle.security.BaseUser;
import io.nettle.testkit.TestClient;
import io.nettle.websocket.WebSocketDisconnect;
import io.nettle.websocket.WebSocketRoute;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The listener hears every outcome, and who, never with what. */
class AuthenticationListenerTest {

    static final class Recorder implements AuthenticationListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void authenticated(Connection connection, BaseUser user) {
            events.add("authenticated " + user.identity() + " " + connection.path());
        }

        @Override
        public void anonymous(Connection connection) {
            events.add("anonymous " + connection.path());
        }

        @Override
        public void failed(Connection connection, AuthenticationError error) {
            events.add("failed " + error.getMessage() + " " + connection.path());
        }

        @Override
        public void denied(Connection connection, List<String> required) {
            events.add("denied " + required + " " + connection.path());
        }
    }

    @Test
    void theListenerHearsEachOutcomeWithoutTheCredentials() {
        Recorder recorder = new Recorder();
        App app = App.builder()
            .route(Route.get("/", WHOAMI), Route.get("/admin", requires(List.of("authenticated", "admin"), WHOAMI)))
            .route(WebSocketRoute.of("/ws", requires("authenticated").wrapWebSocket(ws -> ws.accept())))
            .middleware(AuthenticationMiddleware.builder(HEADERS).listener(recorder).build())
            .build();
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/", as("tom", ""))).hasStatus(200);
            assertThat(client.get("/")).hasStatus(200);
            assertThat(client.get("/", Map.of("X-User", "bad", "X-Password", "hunter2"))).hasStatus(400);
            assertThat(client.get("/admin", as("tom", ""))).hasStatus(403);
            assertThatThrownBy(() -> client.websocketConnect("/ws")).isInstanceOf(WebSocketDisconnect.class);
        }
        assertThat(recorder.events).containsExactly(
            "authenticated tom /",
            "anonymous /",
            "failed Unknown user /",
            "authenticated tom /admin",
            "denied [authenticated, admin] /admin",
            "anonymous /ws",
            "denied [authenticated] /ws");
        assertThat(String.join("\n", recorder.events)).doesNotContain("hunter2");
    }
}
