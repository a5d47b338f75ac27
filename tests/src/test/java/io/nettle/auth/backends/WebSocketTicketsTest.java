package io.nettle.auth.backends;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.App;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.auth.Guard;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.Body;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.WebSocketTestSession;
import io.nettle.websocket.CloseCodes;
import io.nettle.websocket.WebSocketDisconnect;
import io.nettle.websocket.WebSocketRoute;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Browser WebSocket authentication by a single-use ticket fetched over authenticated HTTP. */
class WebSocketTicketsTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private App app(WebSocketTickets tickets) {
        AuthenticationBackend bearer = AuthenticationBackend.sync(connection ->
            connection.header("Authorization").map(value -> AuthResult.user(value.substring("Bearer ".length()), "authenticated", "chat")));
        return App.builder()
            .middleware(new AuthenticationMiddleware(AuthenticationBackend.chain(bearer, tickets.backend())))
            .route(Route.post("/ws-ticket", Guard.requires("authenticated", Endpoint.sync(request ->
                Response.json(Map.of("ticket", tickets.issue(request)))))))
            .route(Route.get("/whoami", Endpoint.sync(request ->
                Response.text(request.user().isAuthenticated() ? request.user().displayName() : "anonymous"))))
            .route(WebSocketRoute.of("/ws", Guard.requires("chat").wrapWebSocket(ws -> {
                ws.accept();
                ws.sendText("hello " + ws.user().displayName() + " " + ws.auth().scopes());
            })))
            .build();
    }

    private static String ticket(TestClient client, String user) {
        return client.request("POST", "/ws-ticket").header("Authorization", "Bearer " + user).send().json().get("ticket").asText();
    }

    private static void assertRefused(TestClient client, String path) {
        assertThatThrownBy(() -> client.websocketConnect(path))
            .isInstanceOfSatisfying(WebSocketDisconnect.class, e -> assertThat(e.code()).isEqualTo(CloseCodes.POLICY_VIOLATION));
    }

    @Test
    void aTicketAuthenticatesOneHandshakeAsTheUserWhoAskedForIt() {
        WebSocketTickets tickets = WebSocketTickets.builder().build();
        try (TestClient client = TestClient.of(app(tickets))) {
            String ticket = ticket(client, "tom");
            assertThat(ticket).hasSize(43).matches("[A-Za-z0-9_-]+");
            assertThat(tickets.outstanding()).isEqualTo(1);
            try (WebSocketTestSession ws = client.websocketConnect("/ws?ticket=" + ticket)) {
                assertThat(ws.receiveText()).isEqualTo("hello tom [authenticated, chat]");
            }
            assertThat(tickets.outstanding()).isZero();
            assertRefused(client, "/ws?ticket=" + ticket);
            assertRefused(client, "/ws?ticket=made-up");
            assertRefused(client, "/ws");
            String other = ticket(client, "ann");
            assertRefused(client, "/ws?ticket=" + other + "&ticket=" + other);
        }
    }

    @Test
    void anExpiredTicketIsRefused() {
        WebSocketTickets tickets = WebSocketTickets.builder().lifetime(Duration.ofSeconds(30)).clock(clock).build();
        try (TestClient client = TestClient.of(app(tickets))) {
            String fresh = ticket(client, "tom");
            String late = ticket(client, "tom");
            now.set(now.get().plusSeconds(29));
            try (WebSocketTestSession ws = client.websocketConnect("/ws?ticket=" + fresh)) {
                assertThat(ws.receiveText()).startsWith("hello tom");
            }
            now.set(now.get().plusSeconds(1));
            assertRefused(client, "/ws?ticket=" + late);
        }
    }

    @Test
    void aTicketNeverAuthenticatesPlainHttp() {
        WebSocketTickets tickets = WebSocketTickets.builder().build();
        try (TestClient client = TestClient.of(app(tickets))) {
            String ticket = ticket(client, "tom");
            assertThat(client.get("/whoami?ticket=" + ticket)).hasStatus(200).hasBody("anonymous");
            assertThat(client.post("/ws-ticket?ticket=" + ticket, Body.text(""))).hasStatus(403);
            // Still unused: the handshake may redeem it.
            try (WebSocketTestSession ws = client.websocketConnect("/ws?ticket=" + ticket)) {
                assertThat(ws.receiveText()).startsWith("hello tom");
            }
        }
    }

    @Test
    void outstandingTicketsAreBoundedAndExpiredOnesMakeRoom() {
        WebSocketTickets tickets = WebSocketTickets.builder().capacity(3).lifetime(Duration.ofSeconds(30)).clock(clock).build();
        AuthResult tom = AuthResult.user("tom", "authenticated");
        for (int i = 0; i < 3; i++) {
            tickets.issue(tom);
        }
        assertThatIllegalStateException().isThrownBy(() -> tickets.issue(tom)).withMessageContaining("too many");
        now.set(now.get().plusSeconds(30));
        tickets.issue(tom);
        assertThat(tickets.outstanding()).isEqualTo(1);
    }

    @Test
    void anAnonymousRequestGetsNoTicketAndTheBuilderChecksEagerly() {
        WebSocketTickets tickets = WebSocketTickets.builder().build();
        App app = App.builder()
            .middleware(new AuthenticationMiddleware(tickets.backend()))
            .route(Route.post("/ws-ticket", Endpoint.sync(request -> Response.text(tickets.issue(request)))))
            .build();
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.post("/ws-ticket", Body.text(""))).hasStatus(500);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> WebSocketTickets.builder().lifetime(Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> WebSocketTickets.builder().capacity(0));
    }
}
