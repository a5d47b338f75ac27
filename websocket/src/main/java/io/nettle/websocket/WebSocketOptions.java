package io.nettle.websocket;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Limits and policies of a WebSocket route, with safe defaults.
 *
 * <table>
 * <caption>Options and defaults</caption>
 * <tr><th>option</th><th>default</th><th>when hit</th></tr>
 * <tr><td>{@link #maxFrameSize()}</td><td>64 KiB</td><td>closed with 1009</td></tr>
 * <tr><td>{@link #maxMessageSize()}</td><td>1 MiB (fragments reassembled up to it)</td><td>closed with 1009</td></tr>
 * <tr><td>{@link #handshakeTimeout()}</td><td>10 s for the application to accept</td><td>closed with 1011</td></tr>
 * <tr><td>{@link #idleTimeout()}</td><td>none ({@code Duration.ZERO})</td><td>closed with 1001 after that long without any frame</td></tr>
 * <tr><td>{@link #maxPendingSendBytes()}</td><td>1 MiB written but not yet taken by the peer</td><td>send fails, closed with 1008</td></tr>
 * <tr><td>{@link #maxQueuedMessages()}</td><td>16 received messages not yet taken by the application</td><td>the socket is not read until they are</td></tr>
 * <tr><td>{@link #allowedOrigins()}</td><td>any origin</td><td>handshake denied with 1008 (403 when rejecting over HTTP)</td></tr>
 * <tr><td>{@link #compression()}</td><td>off</td><td>permessage-deflate negotiated when on</td></tr>
 * </table>
 * Pings are answered with pongs; a peer that sends pings without reading the pongs is held by
 * {@link #maxPendingSendBytes()} like any other slow reader.
 */
public final class WebSocketOptions {
    private final int maxFrameSize;
    private final int maxMessageSize;
    private final Duration handshakeTimeout;
    private final Duration idleTimeout;
    private final long maxPendingSendBytes;
    private final int maxQueuedMessages;
    private final Set<String> allowedOrigins;
    private final boolean compression;

    private WebSocketOptions(Builder b) {
        this.maxFrameSize = b.maxFrameSize;
        this.maxMessageSize = b.maxMessageSize;
        this.handshakeTimeout = b.handshakeTimeout;
        this.idleTimeout = b.idleTimeout;
        this.maxPendingSendBytes = b.maxPendingSendBytes;
        this.maxQueuedMessages = b.maxQueuedMessages;
        this.allowedOrigins = b.allowedOrigins;
        this.compression = b.compression;
    }

    /** The defaults. */
    public static WebSocketOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    public int maxMessageSize() {
        return maxMessageSize;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public long maxPendingSendBytes() {
        return maxPendingSendBytes;
    }

    public int maxQueuedMessages() {
        return maxQueuedMessages;
    }

    /** Origins ({@code https://example.com}) allowed to connect; empty allows any. */
    public Set<String> allowedOrigins() {
        return allowedOrigins;
    }

    public boolean compression() {
        return compression;
    }

    /**
     * Whether a handshake with this {@code Origin} header may connect. With allowed origins
     * set, a missing {@code Origin} (a non-browser client) is allowed: cross-site hijacking
     * needs a browser, and browsers always send it.
     */
    public boolean originAllowed(String origin) {
        return allowedOrigins.isEmpty() || origin == null || allowedOrigins.contains(origin);
    }

    /** Builds {@link WebSocketOptions}; each setter checks its value. */
    public static final class Builder {
        private int maxFrameSize = 64 * 1024;
        private int maxMessageSize = 1024 * 1024;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ZERO;
        private long maxPendingSendBytes = 1024 * 1024;
        private int maxQueuedMessages = 16;
        private Set<String> allowedOrigins = Set.of();
        private boolean compression;

        private Builder() {
        }

        public Builder maxFrameSize(int bytes) {
            this.maxFrameSize = positive(bytes, "maxFrameSize");
            return this;
        }

        public Builder maxMessageSize(int bytes) {
            this.maxMessageSize = positive(bytes, "maxMessageSize");
            return this;
        }

        public Builder handshakeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "handshakeTimeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("handshakeTimeout must be positive");
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /** Closes a connection without any frame for this long; {@code Duration.ZERO} never does. */
        public Builder idleTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "idleTimeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("idleTimeout must not be negative");
            }
            this.idleTimeout = timeout;
            return this;
        }

        public Builder maxPendingSendBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxPendingSendBytes must be positive");
            }
            this.maxPendingSendBytes = bytes;
            return this;
        }

        public Builder maxQueuedMessages(int messages) {
            this.maxQueuedMessages = positive(messages, "maxQueuedMessages");
            return this;
        }

        /** Only these origins (scheme://host[:port], as browsers send them) may connect. */
        public Builder allowedOrigins(String... origins) {
            this.allowedOrigins = Set.of(origins);
            return this;
        }

        /** Negotiates permessage-deflate (RFC 7692) when the client offers it. Default: off. */
        public Builder compression(boolean on) {
            this.compression = on;
            return this;
        }

        public WebSocketOptions build() {
            if (maxFrameSize > maxMessageSize) {
                throw new IllegalArgumentException("maxFrameSize must not exceed maxMessageSize");
            }
            return new WebSocketOptions(this);
        }

        private static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
