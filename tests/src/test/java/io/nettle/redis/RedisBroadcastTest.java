package io.nettle.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.nettle.App;
import io.nettle.broadcast.Broadcast;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testing.RawSocket;
import io.nettle.testkit.RedisServer;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.WebSocketTestSession;
import io.nettle.testkit.Wire;
import io.nettle.websocket.CloseCodes;
import io.nettle.websocket.WebSocketDisconnect;
import io.nettle.websocket.WebSocketRoute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broadcast over a real Redis shared by two instances (two servers, each with its own
 * connections to Redis): WebSocket and event stream subscribers on either get what is published
 * on either, in the order of one publisher; an instance leaves a channel with its last
 * subscriber; and after Redis restarts, the subscriptions come back by themselves.
 */
class RedisBroadcastTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static final AtomicInteger TESTS = new AtomicInteger();

    private final String prefix = "broadcast-test-" + TESTS.incrementAndGet() + ":";
    private final List<AutoCloseable> open = new ArrayList<>();
    private TestClient one;
    private TestClient two;

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** Two instances, each with its own Redis connections, serving {@link #app}. */
    private void instances() {
        one = instance();
        two = instance();
    }

    private TestClient instance() {
        Redis redis = Redis.builder(REDIS.uri()).keyPrefix(prefix).maxReconnectDelay(Duration.ofMillis(200)).build();
        open.add(redis);
        TestClient client = TestClient.of(app(redis.broadcast()), Wire.NIO);
        open.add(client);
        return client;
    }

    /**
     * {@code /rooms/{room}}: the WebSocket says "subscribed" once it is, publishes what it is sent,
     * and is closed with 1013 when the subscription cannot be made; {@code GET /news}: an event
     * stream of the topic "news"; {@code POST /news?text=T} publishes T there (503 when it cannot).
     */
    private static App app(Broadcast broadcast) {
        return App.builder()
            .route(WebSocketRoute.of("/rooms/{room}", ws -> {
                String topic = "room:" + ws.pathParam("room");
                ws.accept();
                ws.subscribe(broadcast, topic).whenComplete((subscription, failure) -> {
                    if (failure != null) {
                        ws.close(CloseCodes.TRY_AGAIN_LATER, "Chat is unavailable, try again later");
                    } else {
                        ws.sendText("subscribed");
                    }
                });
                ws.onText(text -> broadcast.publish(topic, text));
            }))
            .route(Route.get("/news", Endpoint.sync(request -> Response.events(stream -> stream.subscribe(broadcast, "news")
                .thenRun(() -> stream.comment("subscribed"))))))
            .route(Route.post("/news", request -> broadcast.publish("news", request.queryParam("text").orElse(""))
                .handle((done, failure) -> failure == null ? Response.text("published") : Response.text("not published").withStatus(503))))
            .build();
    }

    private static WebSocketTestSession join(TestClient instance, String room) {
        WebSocketTestSession ws = instance.websocketConnect("/rooms/" + room);
        assertThat(ws.receiveText()).isEqualTo("subscribed");
        return ws;
    }

    private long subscribersInRedis(String channel) {
        RedisClient client = RedisClient.create(REDIS.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            Map<String, Long> counts = connection.sync().pubsubNumsub(prefix + "broadcast:" + channel);
            return counts.getOrDefault(prefix + "broadcast:" + channel, 0L);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aMessageSentOnOneInstanceReachesTheSubscribersOfBoth() {
        instances();
        try (WebSocketTestSession tom = join(one, "lobby"); WebSocketTestSession admin = join(two, "lobby");
             WebSocketTestSession elsewhere = join(two, "garden")) {
            admin.sendText("hello from two");
            assertThat(tom.receiveText()).isEqualTo("hello from two");
            assertThat(admin.receiveText()).as("the sender's own instance hears it through Redis too").isEqualTo("hello from two");
            elsewhere.sendText("garden only");
            assertThat(elsewhere.receiveText()).as("no lobby message reached the garden").isEqualTo("garden only");
        }
    }

    @Test
    void messagesOfOnePublisherArriveInOrderOnTheOtherInstance() {
        instances();
        try (WebSocketTestSession publisher = join(one, "lobby"); WebSocketTestSession listener = join(two, "lobby")) {
            IntStream.range(0, 1000).forEach(i -> publisher.sendText("message " + i));
            List<String> received = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                received.add(listener.receiveText());
            }
            assertThat(received).containsExactlyElementsOf(IntStream.range(0, 1000).mapToObj(i -> "message " + i).toList());
        }
    }

    @Test
    void anEventStreamOnOneInstanceGetsWhatIsPublishedOnTheOther() throws Exception {
        instances();
        try (RawSocket socket = RawSocket.connect(one.server().orElseThrow())) {
            socket.send("GET /news HTTP/1.1\r\nHost: x\r\n\r\n");
            socket.readUntil(": subscribed\n\n\r\n", Duration.ofSeconds(5));
            assertThat(two.request("POST", "/news?text=extra").send().text()).isEqualTo("published");
            assertThat(socket.readUntil("data: extra\n\n\r\n", Duration.ofSeconds(5))).endsWith("data: extra\n\n\r\n");
        }
    }

    @Test
    void anInstanceSubscribesToAChannelOnceAndLeavesItWithItsLastSubscriber() throws Exception {
        instances();
        WebSocketTestSession first = join(one, "lobby");
        WebSocketTestSession second = join(one, "lobby");
        assertThat(subscribersInRedis("room:lobby")).as("one subscription for the instance, not one per WebSocket").isEqualTo(1);
        WebSocketTestSession third = join(two, "lobby");
        assertThat(subscribersInRedis("room:lobby")).isEqualTo(2);
        first.close();
        second.close();
        third.close();
        long left = subscribersInRedis("room:lobby");
        for (int i = 0; i < 100 && left > 0; i++) {
            TimeUnit.MILLISECONDS.sleep(20);
            left = subscribersInRedis("room:lobby");
        }
        assertThat(left).isZero();
    }

    @Test
    void whileRedisIsDownPublishingAndSubscribingFailAndAfterItRestartsSubscriptionsComeBackByThemselves() throws Exception {
        instances();
        try (WebSocketTestSession tom = join(one, "lobby")) {
            REDIS.stop();
            try {
                assertThat(two.request("POST", "/news?text=lost").send().status()).as("a publish that cannot be made says so").isEqualTo(503);
                assertThatThrownBy(() -> two.websocketConnect("/rooms/lobby")).as("a subscription that cannot be made says so")
                    .isInstanceOfSatisfying(WebSocketDisconnect.class, closed -> assertThat(closed.code()).isEqualTo(CloseCodes.TRY_AGAIN_LATER))
                    .hasMessageContaining("Chat is unavailable, try again later");
            } finally {
                REDIS.start();
            }
            // Publish from the other instance until the restored subscription of the first hears it.
            CompletableFuture<String> heard = CompletableFuture.supplyAsync(tom::receiveText);
            for (int i = 0; i < 100 && !heard.isDone(); i++) {
                try (WebSocketTestSession admin = two.websocketConnect("/rooms/lobby")) {
                    assertThat(admin.receiveText()).isEqualTo("subscribed");
                    admin.sendText("back");
                    heard.get(500, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | WebSocketDisconnect notYet) {   // not heard yet; not subscribed yet (1013)
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            }
            assertThat(heard).succeedsWithin(Duration.ofSeconds(1)).isEqualTo("back");
        }
    }
}
