package io.nettle.internal.broadcast;

import io.nettle.broadcast.Broadcast;
import io.nettle.broadcast.Subscriber;
import io.nettle.broadcast.Subscription;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscribers of each topic on this instance, for the {@link Broadcast} implementations: the
 * in-process one delivers what is published here, a shared one what its server sends. A
 * {@link Watcher} hears of a topic's first subscriber and of its last one leaving, in the order
 * they happen for that topic (it is called while the topic is locked: it must not wait).
 */
public final class LocalTopics {
    private static final Logger LOG = LoggerFactory.getLogger(Broadcast.class);

    /** Hears when a topic gains its first subscriber here and loses its last. */
    public interface Watcher {
        /** {@code topic} has its first subscriber. */
        void firstJoined(String topic);

        /** {@code topic}'s last subscriber left. */
        void lastLeft(String topic);

        /** Hears nothing: for a broadcast with nothing to follow (the in-process one). */
        Watcher NONE = new Watcher() {
            @Override
            public void firstJoined(String topic) {
            }

            @Override
            public void lastLeft(String topic) {
            }
        };
    }

    private final Map<String, Set<Member>> topics = new ConcurrentHashMap<>();
    private final Watcher watcher;

    public LocalTopics(Watcher watcher) {
        this.watcher = Objects.requireNonNull(watcher, "watcher");
    }

    /** Adds {@code subscriber} to {@code topic} (checked); its subscription takes it out again. */
    public Subscription add(String topic, Subscriber subscriber) {
        Member member = new Member(Broadcast.checkTopic(topic), Objects.requireNonNull(subscriber, "subscriber"));
        topics.compute(topic, (name, members) -> {
            Set<Member> set = members;
            if (set == null) {
                set = ConcurrentHashMap.newKeySet();
                watcher.firstJoined(name);
            }
            set.add(member);
            return set;
        });
        return member;
    }

    /** Hands {@code message} to every subscriber of {@code topic} here, on this thread. */
    public void deliver(String topic, String message) {
        for (Member member : topics.getOrDefault(topic, Set.of())) {
            member.deliver(message);
        }
    }

    /** How many subscribers {@code topic} has here. */
    public int subscribers(String topic) {
        return topics.getOrDefault(topic, Set.of()).size();
    }

    /** One subscription: identity matters (the same subscriber may subscribe twice). */
    private final class Member implements Subscription {
        private final String topic;
        private final Subscriber subscriber;
        private volatile boolean cancelled;

        Member(String topic, Subscriber subscriber) {
            this.topic = topic;
            this.subscriber = subscriber;
        }

        void deliver(String message) {
            if (cancelled) {
                return;
            }
            try {
                subscriber.receive(message);
            } catch (RuntimeException e) {
                LOG.warn("A subscriber of topic '{}' failed on a message", topic, e);
            }
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public void cancel() {
            if (cancelled) {
                return;
            }
            cancelled = true;
            topics.computeIfPresent(topic, (name, members) -> {
                members.remove(this);
                if (members.isEmpty()) {
                    watcher.lastLeft(name);
                    return null;
                }
                return members;
            });
        }
    }
}
