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

    private final String challenge;

    public AuthenticationError(String message) {
        this(message, null);
    }

    /**
     * Bad credentials, with the {@code WWW-Authenticate} challenge that describes them, e.g.
     * {@code Bearer error="invalid_token", error_description="..."} (RFC 6750). It replaces the
     * backend's own challenge of the same scheme in {@link Challenges#of}, for an {@code onError}
     * that answers {@code 401}; {@code null} for none.
     */
    public AuthenticationError(String message, String challenge) {
        super(message, null, false, false);
        this.challenge = challenge == null ? null : Challenges.check(challenge);
    }

    /** The challenge describing this error, if the backend gave one. */
    public java.util.Optional<String> challenge() {
        return java.util.Optional.ofNullable(challenge);
    }
}
