package io.nettle.websocket;

import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.nettle.http.Url;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
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
 * <tr><td>{@link #allowedOrigins()}</td><td>the request's own origin; clients without {@code Origin} pass</td><td>handshake denied with 1008 (403 when rejecting over HTTP)</td></tr>
 * <tr><td>{@link #compression()}</td><td>off</td><td>permessage-deflate negotiated when on</td></tr>
 * </table>
 * <b>Origins.</b> Browsers send cookies and the Basic credentials they were given with a
 * handshake that any web site may open (cross-site WebSocket hijacking), so by default a
 * handshake is accepted only from the request's own origin: the {@code Origin} header must name
 * the scheme, host and port of {@code request.url()} (as the trusted-proxy settings see them,
 * {@code ws}/{@code wss} standing for {@code http}/{@code https}). {@code Origin: null} is refused.
 * Clients that send no {@code Origin} (not browsers) pass. {@link Builder#allowedOrigins} lists
 * exactly the origins allowed instead; {@link Builder#allowAnyOrigin()} opts out of the check.
 * <p>Pings are answered with pongs; a peer that sends pings without reading the pongs is held by
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
    private final boolean anyOrigin;
    private final boolean compression;
    /** The frame decoder's configuration: one per options, shared by their connections. */
    private final WebSocketDecoderConfig decoderConfig;

    private WebSocketOptions(Builder b) {
        this.maxFrameSize = b.maxFrameSize;
        this.maxMessageSize = b.maxMessageSize;
        this.handshakeTimeout = b.handshakeTimeout;
        this.idleTimeout = b.idleTimeout;
        this.maxPendingSendBytes = b.maxPendingSendBytes;
        this.maxQueuedMessages = b.maxQueuedMessages;
        this.allowedOrigins = b.allowedOrigins;
        this.anyOrigin = b.anyOrigin;
        this.compression = b.compression;
        // Violations are not closed by the codecs themselves but raised to the session, which
        // sends the close frame through the whole pipeline and lets the peer read it (see
        // WebSocketSession.violation).
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(maxFrameSize)
            .allowMaskMismatch(false)
            .allowExtensions(compression)
            .closeOnProtocolViolation(false)
            .withUTF8Validator(true)
            .build();
    }

    WebSocketDecoderConfig decoderConfig() {
        return decoderConfig;
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

    /**
     * Origins ({@code https://example.com}) allowed to connect; empty means the request's own
     * origin (or any, with {@link #anyOrigin()}).
     */
    public Set<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** Whether any origin may connect ({@link Builder#allowAnyOrigin()}). */
    public boolean anyOrigin() {
        return anyOrigin;
    }

    public boolean compression() {
        return compression;
    }

    /**
     * Whether a handshake with this {@code Origin} header ({@code null} when absent) to
     * {@code requestUrl} may connect: any origin with {@link #anyOrigin()}; else, with allowed
     * origins set, one of them; else the origin of {@code requestUrl}. A missing {@code Origin}
     * (a non-browser client) is allowed: cross-site hijacking needs a browser, and browsers
     * always send it.
     */
    public boolean originAllowed(String origin, Url requestUrl) {
        if (anyOrigin || origin == null) {
            return true;
        }
        if (!allowedOrigins.isEmpty()) {
            return allowedOrigins.contains(origin);
        }
        return requestUrl != null && sameOrigin(origin, requestUrl);
    }

    /** Whether {@code origin} names the scheme, host and port of {@code url} (ws and wss as http and https). */
    static boolean sameOrigin(String origin, Url url) {
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
            || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return false;
        }
        String scheme = httpScheme(uri.getScheme());
        if (scheme == null || !scheme.equals(httpScheme(url.scheme()))) {
            return false;
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return port == url.port() && host.equals(url.host().toLowerCase(Locale.ROOT));
    }

    private static String httpScheme(String scheme) {
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case "http", "ws":
                return "http";
            case "https", "wss":
                return "https";
            default:
                return null;
        }
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
        private boolean anyOrigin;
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

        /**
         * Only these origins (scheme://host[:port], as browsers send them) may connect, instead
         * of the request's own origin; none given goes back to the default.
         */
        public Builder allowedOrigins(String... origins) {
            this.allowedOrigins = Set.of(origins);
            this.anyOrigin = false;
            return this;
        }

        /**
         * Lets a page from any origin connect: opts out of the check against cross-site
         * WebSocket hijacking, for routes that authenticate by something a browser does not
         * send by itself (a token in a message, say), or that need no authentication.
         */
        public Builder allowAnyOrigin() {
            this.allowedOrigins = Set.of();
            this.anyOrigin = true;
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
