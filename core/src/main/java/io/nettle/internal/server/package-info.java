/**
 * Not API: the Netty server behind {@link io.nettle.Server} (transports, event loops, accepting
 * and draining connections). Nettle's own modules only.
 */
package io.nettle.internal.server;
