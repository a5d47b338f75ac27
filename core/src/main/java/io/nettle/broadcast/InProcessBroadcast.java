package io.nettle.broadcast;

import io.nettle.internal.broadcast.LocalTopics;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@link Broadcast#inProcess()}: a publish delivers to this instance's subscribers, on the publisher's thread. */
final class InProcessBroadcast implements Broadcast {
    private final LocalTopics topics = new LocalTopics(LocalTopics.Watcher.NONE);

    @Override
    public CompletionStage<Void> publish(String topic, String message) {
        Broadcast.checkTopic(topic);
        Objects.requireNonNull(message, "message");
        topics.deliver(topic, message);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Subscription> subscribe(String topic, Subscriber subscriber) {
        return CompletableFuture.completedFuture(topics.add(topic, subscriber));
    }
}
