package io.nettle.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.nettle.security.ThrottleStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@link Redis#throttleStore()}: a counter per key whose TTL is its window, set by the first
 * hit. A hit is one script (one round trip), so concurrent hits on several instances all count.
 */
final class RedisThrottleStore implements ThrottleStore {
    /** KEYS[1] the counter, ARGV[1] the window in ms: the count after this hit, and the window's ms left. */
    private static final RedisScript HIT = new RedisScript("""
        local count = redis.call('INCR', KEYS[1])
        local left = redis.call('PTTL', KEYS[1])
        if left < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          left = tonumber(ARGV[1])
        end
        return {count, left}
        """, ScriptOutputType.MULTI);
    /** KEYS[1] the counter: its count (0 when none) and the window's ms left. */
    private static final RedisScript PEEK = new RedisScript("""
        local count = redis.call('GET', KEYS[1])
        if not count then return {0, 0} end
        return {tonumber(count), redis.call('PTTL', KEYS[1])}
        """, ScriptOutputType.MULTI);

    private final RedisAsyncCommands<String, String> redis;
    private final String prefix;

    RedisThrottleStore(RedisAsyncCommands<String, String> redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public CompletionStage<Count> hit(String key, Duration window, Instant now) {
        long windowMillis = Math.max(1, window.toMillis());
        return HIT.<List<Long>>run(redis, new String[] {prefix + key}, Long.toString(windowMillis)).thenApply(reply -> count(reply, now));
    }

    @Override
    public CompletionStage<Count> peek(String key, Instant now) {
        return PEEK.<List<Long>>run(redis, new String[] {prefix + key}).thenApply(reply -> count(reply, now));
    }

    @Override
    public CompletionStage<Void> reset(String key) {
        return redis.del(prefix + key).thenApply(deleted -> null);
    }

    /** {@code [count, ms left]} as a count whose window ends that long after {@code now}. */
    private static Count count(List<Long> reply, Instant now) {
        return new Count(reply.get(0), now.plusMillis(Math.max(0, reply.get(1))));
    }
}
