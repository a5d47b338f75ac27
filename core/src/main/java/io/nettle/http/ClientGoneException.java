package io.nettle.http;

/**
 * The client is no longer there to receive what is sent: it closed the connection, reset its
 * HTTP/2 stream, or stopped reading for longer than the write timeout. Fails the writes of a
 * streamed body ({@link BodyWriter}) and of server-sent events.
 */
public final class ClientGoneException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClientGoneException() {
        super("the client is gone", null, false, false);
    }
}
