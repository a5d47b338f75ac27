/**
 * Redis implementations of Nettle's shared-state interfaces ({@code SessionStore},
 * {@code ThrottleStore}, {@code Broadcast}), all made by one {@link io.nettle.redis.Redis}.
 */
package io.nettle.redis;
