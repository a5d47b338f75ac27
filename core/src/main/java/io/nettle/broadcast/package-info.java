/**
 * Publish/subscribe across the connections of an app, and across instances with a shared
 * implementation: {@link io.nettle.broadcast.Broadcast} (topics, {@code publish} from anywhere),
 * {@link io.nettle.broadcast.Subscriber}s such as a WebSocket or a server-sent event stream, and
 * the {@link io.nettle.broadcast.Subscription} that ends one. {@code Broadcast.inProcess()} serves
 * one instance; {@code nettle-redis} gives the same interface over Redis Pub/Sub for several.
 */
package io.nettle.broadcast;
