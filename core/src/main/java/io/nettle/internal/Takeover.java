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
     * has not been written) and auto-read is off.
     */
    void takeOver(Channel channel, HttpRequest handshake);
}
