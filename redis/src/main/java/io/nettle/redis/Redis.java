package io.nettle.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.nettle.broadcast.Broadcast;
import io.nettle.middleware.SessionStore;
import io.nettle.security.ThrottleStore;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One Redis server that the instances of an app share, and the pieces of the app that keep
 * their state there: {@link #sessionStore()}, {@link #throttleStore()} and {@link #broadcast()}.
 * <pre>{@code
 * Redis redis = Redis.connect("redis://127.0.0.1:6379");
 * SessionMiddleware.builder().secretKey(key).store(redis.sessionStore()).build();
 * Throttle.builder().store(redis.throttleStore()).build();
 * Broadcast broadcast = redis.broadcast();
 * }</pre>
 *
 * <p><b>Connections.</b> Two, made by {@link #connect}: one for commands (every store call is
 * one command or one script, pipelined with the others) and one for the broadcast's
 * subscriptions. They run on Lettuce's own two I/O threads, never on the server's event loops
 * (a stall on one side never holds the other; the framework carries on on the connection's
 * loop once an answer is in), and every call is asynchronous: a slow or absent Redis never holds a server thread.
 *
 * <p><b>Faults.</b> A command that gets no answer within the {@linkplain Builder#commandTimeout
 * command timeout} fails, and so does every command while the connection is down (none is
 * queued): sessions and throttles then fail closed ({@code 503}). The connections come back by
 * themselves (retrying with a growing delay up to {@linkplain Builder#maxReconnectDelay a
 * bound}), and the broadcast's subscriptions with them.
 *
 * <p><b>Keys</b> all start with the {@linkplain Builder#keyPrefix prefix} ({@code nettle:}):
 * {@code session:<id>} (a hash) and {@code session-owner:<user>} (a sorted set of ids),
 * {@code throttle:<key>}, and the channels {@code broadcast:<topic>}. Every key has a TTL, so
 * Redis's memory is what is live; set {@code maxmemory} with the {@code noeviction} policy so
 * that a full Redis refuses writes (a {@code 503}) rather than forgetting sessions. The scripts
 * touch keys they compute, so this is for a single Redis server (or one with replicas and
 * Sentinel), not Redis Cluster.
 */
public final class Redis implements AutoCloseable {
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> subscriptions;
    private final String keyPrefix;
    private final RedisBroadcast broadcast;

    private Redis(Builder b) {
        RedisURI uri = b.uri;
        this.keyPrefix = b.keyPrefix;
        this.resources = DefaultClientResources.builder()
            .ioThreadPoolSize(2)             // Lettuce's least
            .computationThreadPoolSize(2)
            .reconnectDelay(Delay.exponential(Duration.ofMillis(20), b.maxReconnectDelay, 2, TimeUnit.MILLISECONDS))
            .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .requestQueueSize(b.maxPendingCommands)
            .timeoutOptions(TimeoutOptions.enabled(b.commandTimeout))
            .socketOptions(SocketOptions.builder().connectTimeout(b.commandTimeout).keepAlive(true).build())
            .build());
        try {
            this.commands = client.connect(StringCodec.UTF8);
            this.subscriptions = client.connectPubSub(StringCodec.UTF8);
        } catch (RedisException e) {
            shutDown();
            throw new IllegalStateException("Cannot reach Redis at " + uri.getHost() + ":" + uri.getPort()
                + " (" + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + ")", e);
        }
        this.broadcast = new RedisBroadcast(commands.async(), subscriptions, keyPrefix + "broadcast:");
    }

    /**
     * Connects to the Redis at {@code uri} ({@code redis://host:port[/db]},
     * {@code rediss://} for TLS, {@code redis://:password@host:port} with a password) with the
     * defaults. Blocks until connected: call it while the app starts, not on an event loop.
     *
     * @throws IllegalArgumentException when {@code uri} is not a Redis URI
     * @throws IllegalStateException    when Redis cannot be reached
     */
    public static Redis connect(String uri) {
        return builder(uri).build();
    }

    /** A builder for the Redis at {@code uri} (see {@link #connect}). */
    public static Builder builder(String uri) {
        return new Builder(uri);
    }

    /**
     * Server-side sessions in Redis: a hash per session that lapses with the session (its TTL is
     * the sliding expiry), and per user a sorted set of their sessions, so that a logout, or the
     * revocation of all of a user's sessions, holds on every instance at once: every request
     * reads its session from Redis (one {@code HGETALL}), nothing is cached on an instance.
     */
    public SessionStore sessionStore() {
        return new RedisSessionStore(commands.async(), keyPrefix);
    }

    /**
     * Throttle counters in Redis: one atomic script per hit ({@code INCR}, and the window's TTL
     * on the first hit), so that every instance counts the same attempts.
     */
    public ThrottleStore throttleStore() {
        return new RedisThrottleStore(commands.async(), keyPrefix + "throttle:");
    }

    /**
     * The broadcast over Redis Pub/Sub (the same one each time): a topic is a channel, which this
     * instance subscribes to while it has a subscriber for it; a message published on any
     * instance reaches the subscribers of all, in the order of its publisher. At most once (see
     * {@link Broadcast}): while this instance's link to Redis is down, its subscribers miss what
     * is published; once back, the link subscribes again by itself.
     */
    public Broadcast broadcast() {
        return broadcast;
    }

    /** Closes the connections and stops the I/O threads (blocks briefly: call it when the app stops). */
    @Override
    public void close() {
        subscriptions.close();
        commands.close();
        shutDown();
    }

    private void shutDown() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** Settings of a {@link Redis}; each has a default. */
    public static final class Builder {
        private final RedisURI uri;
        private String keyPrefix = "nettle:";
        private Duration commandTimeout = Duration.ofSeconds(1);
        private Duration maxReconnectDelay = Duration.ofSeconds(2);
        private int maxPendingCommands = 10_000;

        private Builder(String uri) {
            Objects.requireNonNull(uri, "uri");
            if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
                throw new IllegalArgumentException("A Redis URI starts with redis:// or rediss://, e.g. redis://127.0.0.1:6379");
            }
            try {
                this.uri = RedisURI.create(uri);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Not a Redis URI (redis://host:port[/db]): " + e.getMessage());
            }
        }

        /** What every key and channel starts with, to share a Redis with other apps. Default: {@code nettle:}. */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
            return this;
        }

        /**
         * How long a command may wait for its answer before it fails (and a session or throttle
         * with it, closed); also the connect timeout. Default: 1 second.
         */
        public Builder commandTimeout(Duration commandTimeout) {
            this.commandTimeout = positive(commandTimeout, "commandTimeout");
            return this;
        }

        /** The longest wait between two attempts to reconnect. Default: 2 seconds. */
        public Builder maxReconnectDelay(Duration maxReconnectDelay) {
            this.maxReconnectDelay = positive(maxReconnectDelay, "maxReconnectDelay");
            return this;
        }

        /**
         * Most commands waiting for their answers on the command connection; beyond, a command
         * fails at once rather than queue. Default: 10,000.
         */
        public Builder maxPendingCommands(int maxPendingCommands) {
            if (maxPendingCommands <= 0) {
                throw new IllegalArgumentException("maxPendingCommands must be positive, was " + maxPendingCommands);
            }
            this.maxPendingCommands = maxPendingCommands;
            return this;
        }

        /** Connects (see {@link Redis#connect}). */
        public Redis build() {
            return new Redis(this);
        }

        private static Duration positive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + duration);
            }
            return duration;
        }
    }
}
