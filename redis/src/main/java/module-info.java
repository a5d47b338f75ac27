/**
 * Nettle on several instances: {@link io.nettle.redis.Redis} gives the session store, the
 * throttle store and the broadcast of an app their Redis implementations, so that every
 * instance behind a load balancer sees the same sessions, counts the same attempts and reaches
 * the same subscribers.
 */
module io.nettle.redis {
    requires transitive io.nettle.core;
    requires lettuce.core;
    requires org.slf4j;

    exports io.nettle.redis;
}
