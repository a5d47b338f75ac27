package io.nettle.redis;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.nettle.broadcast.Broadcast;
import io.nettle.broadcast.Subscriber;
import io.nettle.broadcast.Subscription;
import io.nettle.internal.broadcast.LocalTopics;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Redis#broadcast()}: a topic is the channel {@code <prefix>broadcast:<topic>}. This
 * instance subscribes to a channel when a topic gets its first subscriber here and unsubscribes
 * when it loses its last, in that order on one connection; what Redis sends on a channel is
 * handed to the topic's subscribers here on Lettuce's I/O thread, in the order Redis sent it. A
 * publish goes to Redis, also for this instance's own subscribers, so that every instance sees
 * one order.
 */
final class RedisBroadcast implements Broadcast {
    private static final Logger LOG = LoggerFactory.getLogger(Broadcast.class);

    private final RedisAsyncCommands<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> subscriptions;
    private final String channelPrefix;
    /** For each topic with subscribers here: its SUBSCRIBE, done once Redis confirmed it. */
    private final Map<String, CompletableFuture<Void>> subscribed = new ConcurrentHashMap<>();
    private final LocalTopics topics = new LocalTopics(new LocalTopics.Watcher() {
        @Override
        public void firstJoined(String topic) {
            subscribed.put(topic, subscriptions.async().subscribe(channelPrefix + topic).toCompletableFuture());
        }

        @Override
        public void lastLeft(String topic) {
            subscribed.remove(topic);
            subscriptions.async().unsubscribe(channelPrefix + topic).whenComplete((done, failure) -> {
                if (failure != null) {
                    LOG.debug("Unsubscribing from topic '{}' failed: {}", topic, failure.toString());
                }
            });
        }
    });

    RedisBroadcast(RedisAsyncCommands<String, String> commands, StatefulRedisPubSubConnection<String, String> subscriptions,
                   String channelPrefix) {
        this.commands = commands;
        this.subscriptions = subscriptions;
        this.channelPrefix = channelPrefix;
        subscriptions.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                if (channel.startsWith(channelPrefix)) {
                    topics.deliver(channel.substring(channelPrefix.length()), message);
                }
            }
        });
    }

    @Override
    public CompletionStage<Void> publish(String topic, String message) {
        Broadcast.checkTopic(topic);
        Objects.requireNonNull(message, "message");
        return commands.publish(channelPrefix + topic, message).thenApply(receivers -> null);
    }

    @Override
    public CompletionStage<Subscription> subscribe(String topic, Subscriber subscriber) {
        Subscription subscription = topics.add(topic, subscriber);
        // Present: this subscription keeps the topic (and its SUBSCRIBE) until it is cancelled.
        return subscribed.get(topic).handle((confirmed, failure) -> {
            if (failure != null) {
                subscription.cancel();
                throw new IllegalStateException("Cannot subscribe to topic '" + topic + "': Redis did not confirm (" + failure.getMessage() + ")");
            }
            return subscription;
        });
    }
}
