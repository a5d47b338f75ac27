package io.nettle.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.http.EventStream;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testing.RawSocket;
import io.nettle.testkit.OnSocketWires;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Server-sent event streams subscribed to a topic, on real sockets: messages arrive as events, a
 * client that leaves ends its subscription, and one that does not read has its stream ended
 * rather than messages queued without bound or skipped.
 */
@OnSocketWires
class BroadcastWireTest {
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final Wire wire;
    private final Broadcast broadcast = Broadcast.inProcess();
    private final CompletableFuture<EventStream> opened = new CompletableFuture<>();
    private final CompletableFuture<Subscription> subscribed = new CompletableFuture<>();
    private TestClient client;

    BroadcastWireTest(Wire wire) {
        this.wire = wire;
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
    }

    /** GET /news: an event stream subscribed to the topic "news". */
    private Server serve() {
        client = TestClient.of(App.builder().route(Route.get("/news", Endpoint.sync(request -> Response.events(stream -> {
            opened.complete(stream);
            stream.subscribe(broadcast, "news").thenAccept(subscribed::complete);
        })))).build(), wire);
        return client.server().orElseThrow();
    }

    @Test
    void publishedMessagesArriveAsEventsAndALeavingClientEndsItsSubscription() throws Exception {
        Server server = serve();
        EventStream stream;
        try (RawSocket socket = RawSocket.connect(server)) {
            socket.send("GET /news HTTP/1.1\r\nHost: x\r\n\r\n");
            subscribed.get(5, TimeUnit.SECONDS);
            stream = opened.get();
            broadcast.publish("news", "first");
            broadcast.publish("news", "two\nlines");
            assertThat(socket.readUntil("data: two\ndata: lines\n\n\r\n", PATIENCE)).contains("data: first\n\n");
            socket.leave(RawSocket.Leave.CLOSE);
        }
        stream.closed().toCompletableFuture().get(5, TimeUnit.SECONDS);
        // The subscription went with the stream: a new subscriber is the topic's only one.
        CompletableFuture<String> next = new CompletableFuture<>();
        broadcast.subscribe("news", next::complete);
        broadcast.publish("news", "after");
        assertThat(next).succeedsWithin(PATIENCE).isEqualTo("after");
    }

    @Test
    void aClientThatDoesNotReadHasItsStreamEndedNotItsMessagesQueuedWithoutBound() throws Exception {
        Server server = serve();
        try (RawSocket socket = RawSocket.connect(server, 16 * 1024)) {
            socket.send("GET /news HTTP/1.1\r\nHost: x\r\n\r\n");
            subscribed.get(5, TimeUnit.SECONDS);
            EventStream stream = opened.get();
            String kilobyte = "x".repeat(1024);
            for (int i = 0; i < 20_000 && stream.isOpen(); i++) {
                broadcast.publish("news", kilobyte);
            }
            assertThat(stream.isOpen()).as("the stream ended once its queue was full (20 MB could not go out)").isFalse();
        }
    }
}
