package io.nettle;

import io.nettle.internal.codec.AllowedHosts;
import io.nettle.internal.codec.TrustedProxies;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Limits and timeouts of the server, with safe defaults. Every value is checked when set.
 * <pre>{@code
 * ServerSettings.builder().maxBodySize(50 * 1024 * 1024).idleTimeout(Duration.ofSeconds(30)).build()
 * }</pre>
 *
 * <table>
 * <caption>Settings, defaults and what a client sees when it hits the limit</caption>
 * <tr><th>setting</th><th>default</th><th>when exceeded</th></tr>
 * <tr><td>{@link #maxInitialLineLength()}</td><td>8 KiB</td><td>414, connection closed</td></tr>
 * <tr><td>{@link #maxHeaderSize()}</td><td>16 KiB (all header lines; on HTTP/2 the header list size it advertises)</td><td>431, connection closed (on HTTP/2: 431 on that stream)</td></tr>
 * <tr><td>{@link #maxBodySize()}</td><td>10 MiB</td><td>413 (from {@code Content-Length} before reading; while reading for chunked bodies), connection closed</td></tr>
 * <tr><td>{@link #idleTimeout()}</td><td>60 s</td><td>an idle keep-alive connection is closed (no response)</td></tr>
 * <tr><td>{@link #headerTimeout()}</td><td>10 s</td><td>408 when a request head is not complete that long after its first byte, connection closed</td></tr>
 * <tr><td>{@link #bodyTimeout()}</td><td>30 s</td><td>408 when no part of a body being read arrives for that long (connection closed without response when the response was already sent)</td></tr>
 * <tr><td>{@link #writeTimeout()}</td><td>30 s</td><td>the connection is closed, and the unsent response dropped, when the peer reads nothing for that long while a response waits; on a WebSocket, when sends are pending and none completes for that long (the application sees 1006)</td></tr>
 * <tr><td>{@link #maxConnections()}</td><td>10,000</td><td>a connection beyond it is answered 503 with {@code Connection: close} at once and closed, its request unread</td></tr>
 * <tr><td>{@link #shutdownGracePeriod()}</td><td>10 s</td><td>requests still running at {@code close()} are cut off</td></tr>
 * <tr><td>{@link #ioThreads()}</td><td>0 = Netty's default (2 × cores)</td><td></td></tr>
 * <tr><td>{@link #workerThreads()}</td><td>max(8, 4 × cores)</td><td>see {@link #workerQueueSize()}</td></tr>
 * <tr><td>{@link #workerQueueSize()}</td><td>1024</td><td>503 for a blocking endpoint when threads and queue are full</td></tr>
 * <tr><td>{@link #proxyProtocol()}</td><td>false</td><td>when on, a connection that does not start with a PROXY protocol header (v1 or v2) is closed</td></tr>
 * <tr><td>{@link #decompressRequests()}</td><td>false</td><td>when on, gzip and deflate request bodies are inflated up to {@link #maxBodySize()} (413 beyond, 400 malformed, 415 another encoding)</td></tr>
 * <tr><td>{@link #compression()}</td><td>off</td><td>see {@link Compression}: gzip or deflate as the client accepts</td></tr>
 * <tr><td>{@link #tls()}</td><td>none: cleartext</td><td>HTTPS and WSS on the server's port (see {@link Tls}); a handshake not finished within its timeout is cut off</td></tr>
 * <tr><td>{@link #rejectUpgradesWithHttpStatus()}</td><td>false</td><td>a denied WebSocket is closed with 1008 after the handshake</td></tr>
 * <tr><td>{@link #accessLog()}</td><td>false</td><td>when on, one line per request and per WebSocket session at INFO on the logger {@code io.nettle.access}</td></tr>
 * <tr><td>{@link #accessLogQueries()}</td><td>false</td><td>when on, access log lines show the query string</td></tr>
 * <tr><td>{@link #trustedProxies()}</td><td>none</td><td>forwarding headers ({@code Forwarded}, {@code X-Forwarded-*}) are ignored unless the peer is one; malformed ones from a trusted proxy: 400, connection closed</td></tr>
 * <tr><td>{@link #http2()}</td><td>true</td><td>HTTP/2: {@code h2} by ALPN on a TLS port, {@code h2c} with prior knowledge on a cleartext one</td></tr>
 * <tr><td>{@link #maxConcurrentStreams()}</td><td>100</td><td>an HTTP/2 stream beyond it is refused ({@code RST_STREAM REFUSED_STREAM}); the client may retry it</td></tr>
 * <tr><td>{@link #allowedHosts()}</td><td>{@code *} (any)</td><td>400 {@code Invalid host header} for a request (or WebSocket handshake) to another host, connection closed</td></tr>
 * </table>
 */
public final class ServerSettings {
    private final int maxInitialLineLength;
    private final int maxHeaderSize;
    private final long maxBodySize;
    private final Duration idleTimeout;
    private final Duration headerTimeout;
    private final Duration bodyTimeout;
    private final Duration writeTimeout;
    private final int maxConnections;
    private final Duration shutdownGracePeriod;
    private final int ioThreads;
    private final int workerThreads;
    private final int workerQueueSize;
    private final Transport transport;
    private final Tls tls;
    private final Compression compression;
    private final boolean proxyProtocol;
    private final boolean decompressRequests;
    private final boolean rejectUpgradesWithHttpStatus;
    private final boolean accessLog;
    private final boolean accessLogQueries;
    private final List<String> trustedProxies;
    private final List<String> allowedHosts;
    private final boolean http2;
    private final int maxConcurrentStreams;

    /** Which Netty transport the server uses. */
    public enum Transport {
        /** Native epoll where it loads (Linux with Netty's native library on the class path), else NIO. */
        AUTO,
        /** Java NIO, everywhere. */
        NIO,
        /** Native epoll; serving fails when it cannot load. */
        EPOLL
    }

    private ServerSettings(Builder b) {
        this.maxInitialLineLength = b.maxInitialLineLength;
        this.maxHeaderSize = b.maxHeaderSize;
        this.maxBodySize = b.maxBodySize;
        this.idleTimeout = b.idleTimeout;
        this.headerTimeout = b.headerTimeout;
        this.bodyTimeout = b.bodyTimeout;
        this.writeTimeout = b.writeTimeout;
        this.maxConnections = b.maxConnections;
        this.shutdownGracePeriod = b.shutdownGracePeriod;
        this.ioThreads = b.ioThreads;
        this.workerThreads = b.workerThreads;
        this.workerQueueSize = b.workerQueueSize;
        this.transport = b.transport;
        this.tls = b.tls;
        this.compression = b.compression;
        this.proxyProtocol = b.proxyProtocol;
        this.decompressRequests = b.decompressRequests;
        this.rejectUpgradesWithHttpStatus = b.rejectUpgradesWithHttpStatus;
        this.accessLog = b.accessLog;
        this.accessLogQueries = b.accessLogQueries;
        this.trustedProxies = b.trustedProxies;
        this.allowedHosts = b.allowedHosts;
        this.http2 = b.http2;
        this.maxConcurrentStreams = b.maxConcurrentStreams;
    }

    /** The defaults. */
    public static ServerSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Longest request line ({@code GET /path HTTP/1.1}) accepted, in bytes. */
    public int maxInitialLineLength() {
        return maxInitialLineLength;
    }

    /**
     * Largest total size of the request's header lines, in bytes; on HTTP/2 the
     * {@code SETTINGS_MAX_HEADER_LIST_SIZE} advertised and enforced (names and values plus 32
     * bytes per header, which bounds what an HPACK-compressed block may decode to).
     */
    public int maxHeaderSize() {
        return maxHeaderSize;
    }

    /** Largest request body accepted, in bytes. */
    public long maxBodySize() {
        return maxBodySize;
    }

    /** How long a connection may stay without any traffic while no request is in flight. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * How long a request head may take to arrive completely, counted from its first byte
     * (slow-header, or slowloris, clients). Default: 10 seconds.
     */
    public Duration headerTimeout() {
        return headerTimeout;
    }

    /**
     * How long a request body being read (because the application asked for it, or to discard
     * it after the response) may go without any of it arriving. Default: 30 seconds.
     */
    public Duration bodyTimeout() {
        return bodyTimeout;
    }

    /**
     * How long a connection may stay unable to take more output (its peer reads nothing while
     * a response waits) before it is closed and the response dropped. Default: 30 seconds.
     */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** Most connections open at once; further ones are refused with a 503. Default: 10,000. */
    public int maxConnections() {
        return maxConnections;
    }

    /** How long {@code Server.close()} waits for requests in flight. */
    public Duration shutdownGracePeriod() {
        return shutdownGracePeriod;
    }

    /** Event-loop threads; 0 means Netty's default. */
    public int ioThreads() {
        return ioThreads;
    }

    /** Threads of the pool that runs blocking endpoints and backends. */
    public int workerThreads() {
        return workerThreads;
    }

    /** Tasks that may wait for a worker thread before new ones are refused. */
    public int workerQueueSize() {
        return workerQueueSize;
    }

    /** The transport. Default: {@link Transport#AUTO}. */
    public Transport transport() {
        return transport;
    }

    /**
     * Whether every connection starts with a PROXY protocol header (v1 or v2, as HAProxy and
     * cloud load balancers send it), whose source address becomes the connection's client
     * address. Default: {@code false}. Turn it on only behind such a load balancer: a direct
     * client could otherwise claim any address.
     */
    public boolean proxyProtocol() {
        return proxyProtocol;
    }

    /**
     * Whether request bodies sent with {@code Content-Encoding: gzip} or {@code deflate} are given
     * to the application inflated, bounded by {@link #maxBodySize()} after inflating (a zip bomb
     * gets {@code 413}). Default: {@code false} (bodies are given as sent).
     */
    public boolean decompressRequests() {
        return decompressRequests;
    }

    /** Response compression, if on. Default: off. */
    public Optional<Compression> compression() {
        return Optional.ofNullable(compression);
    }

    /** TLS on the server's port, if configured. Default: none (cleartext HTTP). */
    public Optional<Tls> tls() {
        return Optional.ofNullable(tls);
    }

    /**
     * Whether a denied WebSocket handshake is answered with the denying response as plain HTTP
     * (for non-browser clients) instead of completing the handshake and closing with 1008/1011.
     * Default: {@code false}.
     */
    public boolean rejectUpgradesWithHttpStatus() {
        return rejectUpgradesWithHttpStatus;
    }

    /**
     * Whether each HTTP request and each WebSocket session is logged, one line at INFO on the
     * SLF4J logger {@code io.nettle.access}, once its response is written or the session closed:
     * <pre>{@code 127.0.0.1 tom "GET /users/7 HTTP/1.1" 200 412 3.215ms}</pre>
     * client, user identity ({@code -} when not authenticated), method, path, protocol
     * ({@code HTTP/1.1}, {@code HTTP/1.0}, {@code HTTP/2}, {@code WS}), status or close code, body (or message)
     * bytes sent, duration. Headers (so {@code Authorization} and cookies) are never logged, the
     * query string only with {@link #accessLogQueries()}. Default: {@code false}; when off it
     * costs nothing per request.
     */
    public boolean accessLog() {
        return accessLog;
    }

    /** Whether access log lines show the request target with its query string. Default: {@code false}. */
    public boolean accessLogQueries() {
        return accessLogQueries;
    }

    /**
     * The proxies (IP addresses and CIDR ranges) whose forwarding headers are honoured: for a
     * request from one of them, {@code Forwarded} (RFC 7239) or else {@code X-Forwarded-For},
     * {@code -Proto}, {@code -Host} and {@code -Port} give the client (the right-most hop that
     * is not a trusted proxy) and the scheme, host and port it addressed, which
     * {@code url()}, {@code client()}, {@code urlFor} and the redirects built on them use. From
     * any other peer these headers are ignored. Default: none.
     */
    public List<String> trustedProxies() {
        return trustedProxies;
    }

    /**
     * The hosts requests may be addressed to (their {@code Host}, or the host a trusted proxy
     * forwarded, port not compared): names, {@code *.example.com} for its subdomains, {@code *}
     * for any. A request or WebSocket handshake to another host is answered 400
     * {@code Invalid host header} before any middleware, so that nothing is built from a forged
     * {@code Host}. Default: {@code *}.
     */
    public List<String> allowedHosts() {
        return allowedHosts;
    }

    /**
     * Whether HTTP/2 is served besides HTTP/1.1 on the server's port: {@code h2} negotiated by
     * ALPN on a TLS port (HTTP/1.1 the fallback), and {@code h2c} with prior knowledge on a
     * cleartext one (a connection that starts with the HTTP/2 preface speaks HTTP/2, any other
     * HTTP/1.1; the {@code Upgrade: h2c} exchange is not offered). Each stream is a request like
     * any other: same routing, middleware, authentication, limits and errors. WebSocket stays on
     * HTTP/1.1. Default: {@code true}.
     */
    public boolean http2() {
        return http2;
    }

    /**
     * Most HTTP/2 streams open at once on one connection ({@code SETTINGS_MAX_CONCURRENT_STREAMS});
     * a stream beyond it is refused with {@code RST_STREAM REFUSED_STREAM}. Default: 100.
     */
    public int maxConcurrentStreams() {
        return maxConcurrentStreams;
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link ServerSettings}; each setter checks its value at once. */
    public static final class Builder {
        private int maxInitialLineLength = 8 * 1024;
        private int maxHeaderSize = 16 * 1024;
        private long maxBodySize = 10L * 1024 * 1024;
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration headerTimeout = Duration.ofSeconds(10);
        private Duration bodyTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private int maxConnections = 10_000;
        private Duration shutdownGracePeriod = Duration.ofSeconds(10);
        private int ioThreads;
        private int workerThreads = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
        private int workerQueueSize = 1024;
        private Transport transport = Transport.AUTO;
        private Tls tls;
        private Compression compression;
        private boolean proxyProtocol;
        private boolean decompressRequests;
        private boolean rejectUpgradesWithHttpStatus;
        private boolean accessLog;
        private boolean accessLogQueries;
        private List<String> trustedProxies = List.of();
        private List<String> allowedHosts = List.of("*");
        private boolean http2 = true;
        private int maxConcurrentStreams = 100;

        private Builder() {
        }

        private Builder(ServerSettings s) {
            maxInitialLineLength = s.maxInitialLineLength;
            maxHeaderSize = s.maxHeaderSize;
            maxBodySize = s.maxBodySize;
            idleTimeout = s.idleTimeout;
            headerTimeout = s.headerTimeout;
            bodyTimeout = s.bodyTimeout;
            writeTimeout = s.writeTimeout;
            maxConnections = s.maxConnections;
            shutdownGracePeriod = s.shutdownGracePeriod;
            ioThreads = s.ioThreads;
            workerThreads = s.workerThreads;
            workerQueueSize = s.workerQueueSize;
            transport = s.transport;
            tls = s.tls;
            compression = s.compression;
            proxyProtocol = s.proxyProtocol;
            decompressRequests = s.decompressRequests;
            rejectUpgradesWithHttpStatus = s.rejectUpgradesWithHttpStatus;
            accessLog = s.accessLog;
            accessLogQueries = s.accessLogQueries;
            trustedProxies = s.trustedProxies;
            allowedHosts = s.allowedHosts;
            http2 = s.http2;
            maxConcurrentStreams = s.maxConcurrentStreams;
        }

        /** See {@link ServerSettings#http2()}. */
        public Builder http2(boolean on) {
            this.http2 = on;
            return this;
        }

        /** See {@link ServerSettings#maxConcurrentStreams()}. */
        public Builder maxConcurrentStreams(int streams) {
            this.maxConcurrentStreams = positive(streams, "maxConcurrentStreams");
            return this;
        }

        public Builder maxInitialLineLength(int bytes) {
            this.maxInitialLineLength = positive(bytes, "maxInitialLineLength");
            return this;
        }

        public Builder maxHeaderSize(int bytes) {
            this.maxHeaderSize = positive(bytes, "maxHeaderSize");
            return this;
        }

        public Builder maxBodySize(long bytes) {
            if (bytes < 0 || bytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("maxBodySize must be within 0.." + (Integer.MAX_VALUE - 8) + ", was " + bytes);
            }
            this.maxBodySize = bytes;
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        public Builder headerTimeout(Duration timeout) {
            this.headerTimeout = positive(timeout, "headerTimeout");
            return this;
        }

        public Builder bodyTimeout(Duration timeout) {
            this.bodyTimeout = positive(timeout, "bodyTimeout");
            return this;
        }

        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = positive(timeout, "writeTimeout");
            return this;
        }

        public Builder maxConnections(int connections) {
            this.maxConnections = positive(connections, "maxConnections");
            return this;
        }

        public Builder shutdownGracePeriod(Duration period) {
            Objects.requireNonNull(period, "shutdownGracePeriod");
            if (period.isNegative()) {
                throw new IllegalArgumentException("shutdownGracePeriod must not be negative");
            }
            this.shutdownGracePeriod = period;
            return this;
        }

        public Builder ioThreads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("ioThreads must be >= 0 (0 = Netty's default), was " + threads);
            }
            this.ioThreads = threads;
            return this;
        }

        public Builder workerThreads(int threads) {
            this.workerThreads = positive(threads, "workerThreads");
            return this;
        }

        public Builder workerQueueSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("workerQueueSize must be >= 0, was " + size);
            }
            this.workerQueueSize = size;
            return this;
        }

        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Expects the PROXY protocol header first on every connection (see {@link ServerSettings#proxyProtocol()}). */
        public Builder proxyProtocol(boolean expected) {
            this.proxyProtocol = expected;
            return this;
        }

        /** Inflates gzip and deflate request bodies (see {@link ServerSettings#decompressRequests()}). */
        public Builder decompressRequests(boolean decompress) {
            this.decompressRequests = decompress;
            return this;
        }

        /** Compresses responses as {@code compression} says ({@code null}: off, the default); e.g. {@code Compression.defaults()}. */
        public Builder compression(Compression compression) {
            this.compression = compression;
            return this;
        }

        /** Serves HTTPS and WSS with {@code tls} ({@code null}: cleartext, the default). */
        public Builder tls(Tls tls) {
            this.tls = tls;
            return this;
        }

        public Builder rejectUpgradesWithHttpStatus(boolean reject) {
            this.rejectUpgradesWithHttpStatus = reject;
            return this;
        }

        /** See {@link ServerSettings#accessLog()}. */
        public Builder accessLog(boolean on) {
            this.accessLog = on;
            return this;
        }

        /** See {@link ServerSettings#accessLogQueries()}; takes effect with {@link #accessLog(boolean)}. */
        public Builder accessLogQueries(boolean on) {
            this.accessLogQueries = on;
            return this;
        }

        /**
         * Trusts the proxies at {@code addressesOrCidrs} ({@code 10.0.0.7}, {@code 10.0.0.0/8},
         * {@code ::1}, {@code fd00::/8}), replacing those set before; none (no argument) trusts
         * no proxy. Names are never resolved.
         *
         * @throws IllegalArgumentException for a value that is not an IP address or CIDR range,
         *         or a range with bits set beyond its prefix ({@code 10.0.0.1/8})
         */
        public Builder trustedProxies(String... addressesOrCidrs) {
            List<String> given = List.of(addressesOrCidrs);
            TrustedProxies.of(given);
            this.trustedProxies = given;
            return this;
        }

        /**
         * Allows requests to {@code hosts} only: names ({@code app.example}), IP addresses,
         * {@code *.app.example} for its subdomains, {@code *} for any; without a port.
         *
         * @throws IllegalArgumentException for no host or a pattern of another form
         */
        public Builder allowedHosts(String... hosts) {
            List<String> given = List.of(hosts);
            AllowedHosts.of(given);
            this.allowedHosts = given;
            return this;
        }

        public ServerSettings build() {
            return new ServerSettings(this);
        }

        private static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
