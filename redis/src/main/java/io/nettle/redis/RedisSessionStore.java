package io.nettle.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.nettle.http.Json;
import io.nettle.middleware.SessionStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Redis#sessionStore()}. A session is the hash {@code session:<id>} (fields {@code data}
 * as JSON, {@code owner}, {@code issued} and {@code expires} in epoch milliseconds) that lapses
 * with it; a user's sessions are the sorted set {@code session-owner:<user>} of ids scored by
 * expiry, trimmed of lapsed ids as sessions are saved. Saving, deleting and revoking are each one
 * script, so two instances never see half of one.
 */
final class RedisSessionStore implements SessionStore {
    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);

    /**
     * KEYS[1] the session; ARGV: data, owner ('' for none), issued, expires, ms to live, id,
     * owner index prefix, now (ms). Moves the id out of a previous owner's index.
     */
    private static final RedisScript SAVE = new RedisScript("""
        local previous = redis.call('HGET', KEYS[1], 'owner')
        if previous and previous ~= ARGV[2] then
          redis.call('ZREM', ARGV[7] .. previous, ARGV[6])
        end
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'data', ARGV[1], 'issued', ARGV[3], 'expires', ARGV[4])
        if ARGV[2] ~= '' then
          redis.call('HSET', KEYS[1], 'owner', ARGV[2])
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        if ARGV[2] ~= '' then
          local index = ARGV[7] .. ARGV[2]
          redis.call('ZADD', index, ARGV[4], ARGV[6])
          redis.call('ZREMRANGEBYSCORE', index, '-inf', '(' .. ARGV[8])
          if redis.call('PTTL', index) < tonumber(ARGV[5]) then
            redis.call('PEXPIRE', index, ARGV[5])
          end
        end
        return 1
        """, ScriptOutputType.INTEGER);
    /** KEYS[1] the session; ARGV: owner index prefix, id. */
    private static final RedisScript DELETE = new RedisScript("""
        local owner = redis.call('HGET', KEYS[1], 'owner')
        redis.call('DEL', KEYS[1])
        if owner then
          redis.call('ZREM', ARGV[1] .. owner, ARGV[2])
        end
        return 1
        """, ScriptOutputType.INTEGER);
    /** KEYS[1] the owner's index; ARGV[1] the session key prefix. */
    private static final RedisScript DELETE_ALL_OF = new RedisScript("""
        local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
        for _, id in ipairs(ids) do
          redis.call('DEL', ARGV[1] .. id)
        end
        redis.call('DEL', KEYS[1])
        return #ids
        """, ScriptOutputType.INTEGER);

    private final RedisAsyncCommands<String, String> redis;
    private final String sessionPrefix;
    private final String ownerPrefix;

    RedisSessionStore(RedisAsyncCommands<String, String> redis, String keyPrefix) {
        this.redis = redis;
        this.sessionPrefix = keyPrefix + "session:";
        this.ownerPrefix = keyPrefix + "session-owner:";
    }

    @Override
    public CompletionStage<Optional<Stored>> load(String id, Instant now) {
        return redis.hgetall(sessionPrefix + id).thenApply(fields -> read(fields).filter(stored -> stored.expires().isAfter(now)));
    }

    @Override
    public CompletionStage<Void> save(String id, Stored session) {
        long nowMillis = System.currentTimeMillis();
        long toLive = session.expires().toEpochMilli() - nowMillis;
        if (toLive <= 0) {
            return delete(id);
        }
        String data;
        try {
            data = Json.mapper().writeValueAsString(session.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("session values are JSON already", e);
        }
        return SAVE.run(redis, new String[] {sessionPrefix + id}, data, session.owner() == null ? "" : session.owner(),
            Long.toString(session.issued().toEpochMilli()), Long.toString(session.expires().toEpochMilli()), Long.toString(toLive),
            id, ownerPrefix, Long.toString(nowMillis)).thenApply(done -> null);
    }

    @Override
    public CompletionStage<Void> delete(String id) {
        return DELETE.run(redis, new String[] {sessionPrefix + id}, ownerPrefix, id).thenApply(done -> null);
    }

    @Override
    public CompletionStage<Void> deleteAllOf(String owner) {
        return DELETE_ALL_OF.run(redis, new String[] {ownerPrefix + owner}, sessionPrefix).thenApply(done -> null);
    }

    /** The session in {@code fields}; none when there are none, or when they are not what {@link #save} writes. */
    private static Optional<Stored> read(Map<String, String> fields) {
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode data = Json.mapper().readTree(fields.getOrDefault("data", ""));
            if (!(data instanceof ObjectNode object)) {
                throw new IllegalArgumentException("data is not a JSON object");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            object.properties().forEach(field -> values.put(field.getKey(), field.getValue()));
            return Optional.of(new Stored(values, fields.get("owner"), Instant.ofEpochMilli(Long.parseLong(fields.get("issued"))),
                Instant.ofEpochMilli(Long.parseLong(fields.get("expires")))));
        } catch (JsonProcessingException | RuntimeException malformed) {
            LOG.warn("A session in Redis is not one Nettle wrote ({}): it reads as none", malformed.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
