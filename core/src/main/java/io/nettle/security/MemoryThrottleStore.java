package io.nettle.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ThrottleStore#inMemory(int)}: fixed windows in a bounded map. */
final class MemoryThrottleStore implements ThrottleStore {
    private final int maxKeys;
    private final Map<String, Count> counts = new ConcurrentHashMap<>();

    MemoryThrottleStore(int maxKeys) {
        if (maxKeys <= 0) {
            throw new IllegalArgumentException("maxKeys must be positive, was " + maxKeys);
        }
        this.maxKeys = maxKeys;
    }

    @Override
    public synchronized CompletionStage<Count> hit(String key, Duration window, Instant now) {
        Count current = counts.get(key);
        if (current == null || !current.windowEnds().isAfter(now)) {
            if (current == null && counts.size() >= maxKeys) {
                counts.values().removeIf(count -> !count.windowEnds().isAfter(now));
                if (counts.size() >= maxKeys) {
                    return CompletableFuture.failedFuture(new IllegalStateException("the throttle store is full: " + maxKeys + " keys"));
                }
            }
            current = new Count(1, now.plus(window));
        } else {
            current = new Count(current.count() + 1, current.windowEnds());
        }
        counts.put(key, current);
        return CompletableFuture.completedFuture(current);
    }

    @Override
    public CompletionStage<Count> peek(String key, Instant now) {
        Count current = counts.get(key);
        return CompletableFuture.completedFuture(current == null || !current.windowEnds().isAfter(now) ? new Count(0, now) : current);
    }

    @Override
    public CompletionStage<Void> reset(String key) {
        counts.remove(key);
        return CompletableFuture.completedFuture(null);
    }
}
