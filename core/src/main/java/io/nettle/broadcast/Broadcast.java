package io.nettle.broadcast;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Topics: a message {@linkplain #publish published} to one reaches every {@linkplain #subscribe
 * subscriber} of it, here and, with a shared implementation ({@code nettle-redis}), on every
 * instance of the app. App code is the same for both: take a {@code Broadcast}, and choose the
 * implementation where the app is put together.
 * <pre>{@code
 * Broadcast broadcast = Broadcast.inProcess();          // or redis.broadcast() for several instances
 * WebSocketRoute.of("/chat/{room}", ws -> {
 *     String topic = "chat:" + ws.pathParam("room");
 *     ws.accept();
 *     ws.subscribe(broadcast, topic);                    // until the WebSocket closes
 *     ws.onText(text -> broadcast.publish(topic, text));
 * });
 * }</pre>
 *
 * <p><b>Delivery.</b> Messages of one publisher to one topic arrive in the order published. A
 * broadcast is <em>at most once</em>: a subscriber gets the messages published while it is
 * subscribed and its instance is connected; a client that reconnects, or an instance whose link
 * to Redis was down, may have missed some. Keep what must not be lost elsewhere (a database),
 * and send the client what it missed when it comes back.
 *
 * <p><b>Back-pressure.</b> A broadcast holds no queue per subscriber: it hands each message to
 * the subscriber at once, and the subscriber's own bounds apply: a WebSocket whose client does
 * not read is closed with {@code 1008} once its send buffer is full; an event stream whose
 * client does not keep up is ended, and the browser reconnects.
 *
 * <p><b>Topics</b> are 1 to {@value #MAX_TOPIC_LENGTH} characters, none of them a control
 * character; anything else is an {@link IllegalArgumentException}. Topics from user input (a
 * room in a path) need no escaping beyond that.
 */
public interface Broadcast {
    /** The longest topic, in characters. */
    int MAX_TOPIC_LENGTH = 256;

    /**
     * Publishes {@code message} to {@code topic}. The stage completes once the message is handed
     * on (in process: delivered to every subscriber; shared: accepted by the server) and fails
     * when it could not be (the shared server unreachable or slow): the message was not sent.
     */
    CompletionStage<Void> publish(String topic, String message);

    /**
     * Subscribes {@code subscriber} to {@code topic}. The stage completes once messages flow
     * (for a shared broadcast: once the server confirmed it), and fails when the subscription
     * could not be made. Messages published after the stage completed reach the subscriber.
     */
    CompletionStage<Subscription> subscribe(String topic, Subscriber subscriber);

    /**
     * Subscribes {@code subscriber} to {@code topic} until {@code until} completes (a connection's
     * {@code closed()}), then cancels the subscription; at once when it already has.
     */
    default CompletionStage<Subscription> subscribe(String topic, Subscriber subscriber, CompletionStage<?> until) {
        Objects.requireNonNull(until, "until");
        return subscribe(topic, subscriber).thenApply(subscription -> {
            until.whenComplete((value, failure) -> subscription.cancel());
            return subscription;
        });
    }

    /** Topics and subscribers in this JVM's memory: for one instance. */
    static Broadcast inProcess() {
        return new InProcessBroadcast();
    }

    /**
     * Checks {@code topic} against the rules above (for implementations).
     *
     * @return {@code topic}
     * @throws IllegalArgumentException when it breaks one, saying which
     */
    static String checkTopic(String topic) {
        if (topic == null || topic.isEmpty() || topic.length() > MAX_TOPIC_LENGTH) {
            throw new IllegalArgumentException("a topic has 1 to " + MAX_TOPIC_LENGTH + " characters");
        }
        for (int i = 0; i < topic.length(); i++) {
            if (Character.isISOControl(topic.charAt(i))) {
                throw new IllegalArgumentException("a topic may not hold control characters");
            }
        }
        return topic;
    }
}
