package io.nettle.auth;

/**
 * Bad credentials: a backend fails its stage with this (or throws it) when the client
 * presented credentials that cannot be right, as opposed to presenting none (then the backend
 * answers "anonymous"). Over HTTP the middleware's {@code onError} answers it (default: 400
 * with the message); a WebSocket is closed with 1008 and the message as reason. The message
 * reaches the client: never put a secret in it.
 */
public class AuthenticationError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuthenticationError(String message) {
        super(message, null, false, false);
    }
}
