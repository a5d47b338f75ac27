package io.nettle.security;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * Where a {@link Throttle} counts attempts: one counter per key over a fixed window that starts
 * with the key's first hit. Every method is asynchronous; a failed stage makes the throttle fail
 * closed. {@link #inMemory(int)} is built in; a shared store (Redis) counts across instances with
 * one round trip per hit.
 */
public interface ThrottleStore {

    /**
     * A key's count.
     *
     * @param count      hits in the current window
     * @param windowEnds when the window ends (and the count starts again)
     */
    record Count(long count, Instant windowEnds) {
    }

    /** Counts one more hit of {@code key} in a window of {@code window} from its first hit. */
    CompletionStage<Count> hit(String key, Duration window, Instant now);

    /** The count of {@code key} now, without counting (0 when it has none). */
    CompletionStage<Count> peek(String key, Instant now);

    /** Forgets {@code key}'s count. */
    CompletionStage<Void> reset(String key);

    /**
     * Counters in this JVM's memory, at most {@code maxKeys} of them: expired windows are dropped
     * when room is needed; when all are live a new key's hit fails (the throttle then fails closed).
     */
    static ThrottleStore inMemory(int maxKeys) {
        return new MemoryThrottleStore(maxKeys);
    }
}
