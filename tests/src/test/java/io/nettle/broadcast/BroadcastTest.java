package io.nettle.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.App;
import io.nettle.testkit.OnEveryWire;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.WebSocketTestSession;
import io.nettle.testkit.Wire;
import io.nettle.websocket.WebSocketRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Broadcast#inProcess()}: topics, WebSocket subscribers that leave their topic when they
 * close, the order of one publisher, and subscribers that fail, on every HTTP/1.1 wire.
 */
@OnEveryWire
class BroadcastTest {
    private final Wire wire;
    private final Broadcast broadcast = Broadcast.inProcess();
    /** Every subscription the app made, and how many of them were cancelled. */
    private final List<Subscription> made = new CopyOnWriteArrayList<>();
    private final AtomicInteger cancelled = new AtomicInteger();
    private TestClient client;

    BroadcastTest(Wire wire) {
        this.wire = wire;
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    /** {@code /rooms/{room}}: the WebSocket subscribes to the room, says "subscribed", and publishes what it is sent there. */
    private TestClient rooms() {
        Broadcast counting = new Broadcast() {
            @Override
            public CompletionStage<Void> publish(String topic, String message) {
                return broadcast.publish(topic, message);
            }

            @Override
            public CompletionStage<Subscription> subscribe(String topic, Subscriber subscriber) {
                return broadcast.subscribe(topic, subscriber).thenApply(subscription -> {
                    Subscription counted = new Subscription() {
                        @Override
                        public String topic() {
                            return subscription.topic();
                        }

                        @Override
                        public void cancel() {
                            cancelled.incrementAndGet();
                            subscription.cancel();
                        }
                    };
                    made.add(counted);
                    return counted;
                });
            }
        };
        client = TestClient.of(App.builder().route(WebSocketRoute.of("/rooms/{room}", ws -> {
            String topic = "room:" + ws.pathParam("room");
            ws.accept();
            ws.subscribe(counting, topic).thenRun(() -> ws.sendText("subscribed"));
            ws.onText(text -> counting.publish(topic, text));
        })).build(), wire);
        return client;
    }

    private WebSocketTestSession join(String room) {
        WebSocketTestSession ws = client.websocketConnect("/rooms/" + room);
        assertThat(ws.receiveText()).isEqualTo("subscribed");
        return ws;
    }

    @Test
    void aMessageReachesEverySubscriberOfItsTopicAndNoOther() {
        rooms();
        try (WebSocketTestSession tom = join("lobby"); WebSocketTestSession admin = join("lobby"); WebSocketTestSession other = join("garden")) {
            tom.sendText("hello lobby");
            assertThat(tom.receiveText()).isEqualTo("hello lobby");
            assertThat(admin.receiveText()).isEqualTo("hello lobby");
            other.sendText("hello garden");
            assertThat(other.receiveText()).as("the garden hears only the garden").isEqualTo("hello garden");
            broadcast.publish("room:lobby", "from outside");
            assertThat(admin.receiveText()).isEqualTo("from outside");
        }
    }

    @Test
    void messagesOfOnePublisherArriveInTheOrderPublished() {
        rooms();
        try (WebSocketTestSession listener = join("lobby")) {
            for (int i = 0; i < 1000; i++) {
                broadcast.publish("room:lobby", "message " + i);
            }
            List<String> received = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                received.add(listener.receiveText());
            }
            assertThat(received).containsExactly(java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "message " + i).toArray(String[]::new));
        }
    }

    @Test
    void aWebSocketLeavesItsTopicWhenItCloses() throws Exception {
        rooms();
        WebSocketTestSession leaving = join("lobby");
        try (WebSocketTestSession staying = join("lobby")) {
            leaving.close();
            for (int i = 0; i < 500 && cancelled.get() == 0; i++) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            assertThat(cancelled).as("the closed WebSocket's subscription was cancelled").hasValue(1);
            broadcast.publish("room:lobby", "still here");
            assertThat(staying.receiveText()).isEqualTo("still here");
        }
        for (int i = 0; i < 500 && cancelled.get() < 2; i++) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(cancelled).hasValue(made.size()).hasValue(2);
    }

    @Test
    void aCancelledSubscriptionGetsNothingMoreAndCancellingTwiceIsHarmless() {
        List<String> got = new CopyOnWriteArrayList<>();
        Subscription subscription = broadcast.subscribe("news", got::add).toCompletableFuture().join();
        broadcast.publish("news", "one");
        subscription.cancel();
        subscription.cancel();
        broadcast.publish("news", "two");
        assertThat(got).containsExactly("one");
        assertThat(subscription.topic()).isEqualTo("news");
    }

    @Test
    void theSameSubscriberTwiceGetsEachMessageTwiceUntilEachIsCancelled() {
        List<String> got = new CopyOnWriteArrayList<>();
        Subscriber subscriber = got::add;
        Subscription first = broadcast.subscribe("news", subscriber).toCompletableFuture().join();
        broadcast.subscribe("news", subscriber).toCompletableFuture().join();
        broadcast.publish("news", "twice");
        first.cancel();
        broadcast.publish("news", "once");
        assertThat(got).containsExactly("twice", "twice", "once");
    }

    @Test
    void aSubscriberThatThrowsDoesNotStopTheOthers() {
        List<String> got = new CopyOnWriteArrayList<>();
        broadcast.subscribe("news", message -> {
            throw new IllegalStateException("a bug in a subscriber");
        });
        broadcast.subscribe("news", got::add);
        assertThat(broadcast.publish("news", "still delivered")).succeedsWithin(java.time.Duration.ofSeconds(1));
        assertThat(got).containsExactly("still delivered");
    }

    @Test
    void topicsAreOneTo256CharactersWithoutControlCharacters() {
        assertThatThrownBy(() -> broadcast.publish("", "x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 256");
        assertThatThrownBy(() -> broadcast.subscribe("t".repeat(257), message -> { }))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 256");
        assertThatThrownBy(() -> broadcast.publish("a\nb", "x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control");
        assertThatThrownBy(() -> broadcast.publish(null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(broadcast.publish("t".repeat(256), "fine")).isCompleted();
        assertThat(broadcast.publish("chat:lobby/ümlaut ok", "fine")).isCompleted();
    }
}
