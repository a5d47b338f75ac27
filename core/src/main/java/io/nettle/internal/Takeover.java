package io.nettle.internal;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;

/**
 * How a protocol upgrade takes a connection over from Nettle's HTTP handler. A route's
 * handshake endpoint registers one on the {@link RequestState} and answers {@code 101};
 * the HTTP handler then leaves the pipeline and calls it, on the connection's loop.
 */
@FunctionalInterface
public interface Takeover {

    /**
     * Takes the channel over. The HTTP codec is still in the pipeline (the handshake response
     * has not been written) and auto-read is off. {@code startedNanos} is when the handshake
     * request began ({@link System#nanoTime()}) if the connection keeps an {@link AccessLog},
     * else 0.
     */
    void takeOver(Channel channel, HttpRequest handshake, long startedNanos);
}
