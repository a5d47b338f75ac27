package io.nettle.internal.exchange;

import io.nettle.http.ConnectionExecutor;

/**
 * What an {@link Exchange} asks of the protocol that carries it: an HTTP/1.1 connection, or one
 * HTTP/2 stream. Called on the owner's event loop only.
 */
public interface ExchangeOwner {

    /** The loop the exchange is confined to. */
    ConnectionExecutor loop();

    /** Tells a client that waits for it ({@code Expect: 100-continue}) to send its body. */
    void sendContinue();

    /** Reads more of the body when the exchange {@linkplain Exchange#wantsMore() wants it}. */
    void readIfWanted();

    /** The body went over its limit: nothing more of it is to be read once the response is sent. */
    void stopAfterResponse();

    /** The exchange is done: responded to and its body read to the end. */
    void finish(Exchange exchange);
}
