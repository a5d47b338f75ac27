package io.nettle.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testing.RawSocket;
import io.nettle.testkit.OnSocketWires;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Server-sent events on real sockets (NIO and epoll): a client that leaves, and one that does not read. */
@OnSocketWires
class ServerSentEventsWireTest {
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final Wire wire;
    private final AtomicReference<EventStream> opened = new AtomicReference<>();
    private TestClient client;

    ServerSentEventsWireTest(Wire wire) {
        this.wire = wire;
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
    }

    private Server serve() {
        client = TestClient.of(App.builder().route(Route.get("/events", Endpoint.sync(request -> Response.events(opened::set)))).build(), wire);
        return client.server().orElseThrow();
    }

    private EventStream awaitStream() throws InterruptedException {
        for (int i = 0; i < 500 && opened.get() == null; i++) {
            Thread.sleep(10);
        }
        return opened.get();
    }

    @Test
    void aClientThatLeavesClosesTheStream() throws Exception {
        Server server = serve();
        EventStream stream;
        try (RawSocket socket = RawSocket.connect(server)) {
            socket.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
            stream = awaitStream();
            stream.send("first").toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(socket.readUntil("data: first\n\n\r\n", PATIENCE)).contains("text/event-stream");
            socket.leave(RawSocket.Leave.CLOSE);
        }
        stream.closed().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(stream.isOpen()).isFalse();
        CompletableFuture<Void> late = stream.send("too late").toCompletableFuture();
        assertThat(late).failsWithin(PATIENCE).withThrowableOfType(java.util.concurrent.ExecutionException.class)
            .withCauseInstanceOf(ClientGoneException.class);
    }

    @Test
    void aClientThatDoesNotReadGetsABoundedQueueNotUnboundedMemory() throws Exception {
        Server server = serve();
        try (RawSocket socket = RawSocket.connect(server, 16 * 1024)) {
            socket.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
            EventStream stream = awaitStream();
            String kilobyte = "x".repeat(1024);
            AtomicInteger refused = new AtomicInteger();
            for (int i = 0; i < 20_000; i++) {
                stream.send(kilobyte).whenComplete((ok, failure) -> {
                    if (failure instanceof IllegalStateException) {
                        refused.incrementAndGet();
                    }
                });
            }
            assertThat(refused.get()).as("events refused while 20 MB could not go out").isGreaterThan(10_000);
        }
    }
}
