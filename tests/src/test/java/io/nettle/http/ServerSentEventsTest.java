package io.nettle.http;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.App;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.auth.Guard;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.security.AuthCredentials;
import io.nettle.security.SimpleUser;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.Wire;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Server-sent events on every protocol: the wire format, Last-Event-ID, heartbeats, guards. */
@OnEveryProtocol
class ServerSentEventsTest {
    private final Wire wire;

    ServerSentEventsTest(Wire wire) {
        this.wire = wire;
    }

    private TestClient client(Route route) {
        return TestClient.of(App.builder().route(route).build(), wire);
    }

    @Test
    void eventsGoOutInTheEventStreamFormat() {
        try (TestClient client = client(Route.get("/events", Endpoint.sync(request -> Response.events(stream -> {
            stream.send("hello");
            stream.send(ServerSentEvent.of("line one\nline two\r\nline three").withEvent("note").withId("7"));
            stream.send(ServerSentEvent.of("").withRetry(Duration.ofSeconds(3)));
            stream.comment("just a\ncomment");
            stream.close();
        }))))) {
            TestResponse response = client.get("/events");
            assertThat(response).hasStatus(200).hasContentType("text/event-stream; charset=utf-8").hasHeader("Cache-Control", "no-store");
            assertThat(response.text()).isEqualTo("data: hello\n\n"
                + "event: note\nid: 7\ndata: line one\ndata: line two\ndata: line three\n\n"
                + "retry: 3000\ndata: \n\n"
                + ": just a comment\n\n");
        }
    }

    @Test
    void theLastEventIdIsTheEndpointsToResumeFrom() {
        try (TestClient client = client(Route.get("/ticks", Endpoint.sync(request -> {
            int after = request.header("Last-Event-ID").map(Integer::parseInt).orElse(0);
            return Response.events(stream -> {
                for (int id = after + 1; id <= after + 3; id++) {
                    stream.send(ServerSentEvent.of("tick " + id).withEvent("tick").withId(String.valueOf(id)));
                }
                stream.close();
            });
        })))) {
            assertThat(client.get("/ticks", Map.of("Last-Event-ID", "5")).text())
                .isEqualTo("event: tick\nid: 6\ndata: tick 6\n\nevent: tick\nid: 7\ndata: tick 7\n\nevent: tick\nid: 8\ndata: tick 8\n\n");
        }
    }

    @Test
    void aQuietStreamSendsHeartbeats() {
        try (TestClient client = client(Route.get("/quiet", Endpoint.sync(request -> Response.events(Duration.ofMillis(50), stream ->
            CompletableFuture.delayedExecutor(400, TimeUnit.MILLISECONDS).execute(stream::close)))))) {
            assertThat(client.get("/quiet").text()).startsWith(": heartbeat\n\n");
        }
    }

    @Test
    void anEventStreamIsGuardedLikeAnyEndpoint() {
        AuthenticationBackend backend = AuthenticationBackend.sync(connection -> connection.header("X-User")
            .map(name -> new AuthResult(AuthCredentials.of(List.of("authenticated")), new SimpleUser(name))));
        App app = App.builder()
            .middleware(new AuthenticationMiddleware(backend))
            .route(Route.get("/events", Guard.requires("authenticated", Endpoint.sync(request -> Response.events(stream -> {
                stream.send("for " + request.user().displayName());
                stream.close();
            })))))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/events")).hasStatus(403);
            assertThat(client.get("/events", Map.of("X-User", "tom"))).hasStatus(200).hasBody("data: for tom\n\n");
        }
    }

    @Test
    void eventFieldsCannotBreakTheFormat() {
        assertThatThrownBy(() -> ServerSentEvent.of("x").withEvent("a\nid: 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerSentEvent.of("x").withId("1\r")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerSentEvent.of("x").withId("1\0")).isInstanceOf(IllegalArgumentException.class);
    }
}
