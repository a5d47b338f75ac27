package io.nettle.testkit;

import io.netty.buffer.Unpooled;
import io.netty.channel.epoll.Epoll;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.internal.AppRuntime;
import io.nettle.internal.codec.NettyHeadersView;
import io.nettle.internal.server.NettyServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * Drives an {@link App} through the very pipeline its server uses (codec, limits, middleware,
 * routing), with Netty's client codecs on the test's thread. By default in memory: no socket,
 * no port, no threads of its own, and only bytes cross between client and server, as on a
 * socket. {@link #of(App, Wire)} runs the same test over a real loopback socket to a server on
 * NIO or epoll instead, or over HTTP/2 ({@link OnEveryWire} runs a test class on the HTTP/1.1
 * wires, {@link OnEveryProtocol} on HTTP/2 too); when the app's
 * settings have TLS, that socket speaks TLS (the client trusts the server's certificate whatever
 * it is: it tests the app, not the certificates). Base URL
 * {@code http://testserver} on every wire (requests carry {@code Host: testserver}); cookies
 * are kept across requests; redirects are returned, not followed, unless asked for.
 * <pre>{@code
 * try (TestClient client = TestClient.of(app)) {
 *     assertThat(client.get("/")).hasStatus(200).hasBody("Hello");
 *     assertThat(client.post("/items", Body.json(Map.of("name", "x")))).hasStatus(201);
 *     client.request("GET", "/search").query("q", "a b").header("Accept", "text/html").send();
 * }
 * }</pre>
 * The app's startup hooks run when the client is made and its shutdown hooks when it is closed
 * (on a socket wire, by the server the client starts and stops). Not thread-safe: one client
 * per test thread.
 */
public final class TestClient implements AutoCloseable {
    /** The base URL requests appear to be sent to. */
    public static final String BASE_URL = "http://testserver";

    private final AppRuntime app;
    private final Wire wire;
    private final Server server;
    /** Connections over HTTP/1.1: the requests' (but on {@link Wire#HTTP2}), WebSocket sessions', raw bytes'. */
    private final Supplier<Carrier> carriers;
    /** The connections requests go over. */
    private final Supplier<ClientConnection> requestConnections;
    private final CookieJar cookies = new CookieJar();
    private ClientConnection connection;
    private boolean serverAskedToClose;
    private boolean followRedirects;
    private Duration timeout = Duration.ofSeconds(5);

    private TestClient(App app, Wire wire) {
        this.app = AppRuntime.of(Objects.requireNonNull(app, "app"));
        this.wire = Objects.requireNonNull(wire, "wire");
        if (wire == Wire.IN_MEMORY) {
            this.server = null;
            this.carriers = () -> new MemoryCarrier(this.app);
            this.requestConnections = () -> new ClientConnection(carriers.get());
            try {
                this.app.runStartupHooks();
            } catch (Exception e) {
                throw new IllegalStateException("a startup hook failed", e);
            }
        } else {
            this.server = NettyServer.start(this.app, "127.0.0.1", 0, transport(wire));
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            SSLSocketFactory tls = this.app.settings().tls().isPresent() ? TrustingTls.socketFactory() : null;
            this.carriers = () -> new SocketCarrier(address, tls);
            this.requestConnections = wire == Wire.HTTP2
                ? () -> ClientConnection.http2(new SocketCarrier(address, tls, tls == null ? null : "h2"))
                : () -> new ClientConnection(carriers.get());
        }
    }

    private static ServerSettings.Transport transport(Wire wire) {
        if (wire == Wire.NIO || wire == Wire.HTTP2) {
            return ServerSettings.Transport.NIO;
        }
        if (!Epoll.isAvailable()) {
            String why = "the native epoll transport does not load here: " + Epoll.unavailabilityCause();
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why + " (CI=true: epoll tests must run)");
            }
            Assumptions.abort(why);
        }
        return ServerSettings.Transport.EPOLL;
    }

    /** A client for {@code app} in memory, its startup hooks run. */
    public static TestClient of(App app) {
        return new TestClient(app, Wire.IN_MEMORY);
    }

    /**
     * A client for {@code app} over {@code wire}: in memory, or through a loopback socket to a
     * server on {@code 127.0.0.1} (a free port) that this client starts now and stops when
     * closed. On {@link Wire#EPOLL} where the native transport does not load, the test is
     * skipped (it fails instead when the environment variable {@code CI} is {@code true}).
     */
    public static TestClient of(App app, Wire wire) {
        return new TestClient(app, wire);
    }

    /** The wire this client's bytes travel. */
    public Wire wire() {
        return wire;
    }

    /**
     * The loopback server this client started on a socket wire (empty in memory), for tests
     * that open their own raw connections to it.
     */
    public Optional<Server> server() {
        return Optional.ofNullable(server);
    }

    /** Whether redirects are followed (up to 20). Default: {@code false}. */
    public TestClient followRedirects(boolean follow) {
        this.followRedirects = follow;
        return this;
    }

    /** How long to wait for a response before failing the test. Default: 5 seconds. */
    public TestClient timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** The cookies kept so far. */
    public Map<String, String> cookies() {
        return cookies.asMap();
    }

    /** Adds a cookie to send with the following requests. */
    public TestClient cookie(String name, String value) {
        cookies.set(name, value);
        return this;
    }

    /** Forgets every cookie. */
    public TestClient clearCookies() {
        cookies.clear();
        return this;
    }

    /** {@code GET path}; the path may carry a query. */
    public TestResponse get(String path) {
        return request("GET", path).send();
    }

    /** {@code GET path} with headers. */
    public TestResponse get(String path, Map<String, String> headers) {
        return request("GET", path).headers(headers).send();
    }

    /** {@code HEAD path}. */
    public TestResponse head(String path) {
        return request("HEAD", path).send();
    }

    /** {@code DELETE path}. */
    public TestResponse delete(String path) {
        return request("DELETE", path).send();
    }

    /** {@code POST path} with a body. */
    public TestResponse post(String path, Body body) {
        return request("POST", path).body(body).send();
    }

    /** {@code PUT path} with a body. */
    public TestResponse put(String path, Body body) {
        return request("PUT", path).body(body).send();
    }

    /** {@code PATCH path} with a body. */
    public TestResponse patch(String path, Body body) {
        return request("PATCH", path).body(body).send();
    }

    /** A request to build further: headers, query parameters, body, redirects. */
    public TestRequest request(String method, String path) {
        return new TestRequest(this, method, path, followRedirects);
    }

    /**
     * Writes {@code raw} bytes (ISO-8859-1) on a fresh connection and returns everything the
     * server answers (ISO-8859-1) until it closes the connection or stays quiet for 200 ms. For
     * tests of malformed or hostile input.
     */
    public String sendRaw(String raw) {
        try (ClientConnection fresh = new ClientConnection(carriers.get())) {
            return fresh.exchangeRaw(raw.getBytes(StandardCharsets.ISO_8859_1), Duration.ofMillis(200));
        }
    }

    /** Opens a WebSocket to {@code path}; see {@link #websocketConnect(String, Map, List)}. */
    public WebSocketTestSession websocketConnect(String path) {
        return websocketConnect(path, Map.of(), List.of());
    }

    /** Opens a WebSocket to {@code path} with extra handshake headers. */
    public WebSocketTestSession websocketConnect(String path, Map<String, String> headers) {
        return websocketConnect(path, headers, List.of());
    }

    /**
     * Opens a WebSocket to {@code path} with extra handshake headers (the kept cookies are sent
     * too) and offered subprotocols, over a new connection. Unless the headers give one, the
     * handshake carries the {@code Origin} a browser on the app's own page would send: the base
     * URL's ({@code https} when the app has TLS), or that of a {@code Host} the headers give.
     *
     * @throws io.nettle.websocket.WebSocketDisconnect when the server denies the connection by
     *         closing it right after the handshake (carries the close code and reason)
     * @throws WebSocketRejected when the server answers the handshake with a plain HTTP status
     */
    public WebSocketTestSession websocketConnect(String path, Map<String, String> headers, List<String> subprotocols) {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        String cookieHeader = cookies.header();
        if (cookieHeader != null) {
            all.put("Cookie", cookieHeader);
        }
        all.putAll(headers);
        if (all.keySet().stream().noneMatch("Origin"::equalsIgnoreCase)) {
            // As a browser on the app's own page: the origin of the base URL, or of the Host the test gives.
            String host = all.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase("Host")).map(Map.Entry::getValue)
                .findFirst().orElse("testserver");
            all.put("Origin", (app.settings().tls().isPresent() ? "https://" : "http://") + host);
        }
        return WebSocketTestSession.connect(carriers.get(), path, all, subprotocols, timeout);
    }

    /**
     * Whether the last request left its connection open for the next one (keep-alive): the
     * server did not ask to close it, and did not close it (on a socket, watched for 50 ms).
     */
    public boolean connectionOpen() {
        return connection != null && !serverAskedToClose && connection.settle();
    }

    TestResponse execute(String method, String pathAndQuery, Map<String, String> headers, Body body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), pathAndQuery,
            body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body.bytes()));
        request.headers().set(HttpHeaderNames.HOST, "testserver");
        String cookieHeader = cookies.header();
        if (cookieHeader != null) {
            request.headers().set(HttpHeaderNames.COOKIE, cookieHeader);
        }
        if (body != null) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, body.contentType());
        }
        if (body != null || !method.equals("GET") && !method.equals("HEAD")) {
            request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body == null ? 0 : body.bytes().length);
        }
        headers.forEach((name, value) -> request.headers().set(name, value));
        if (wire == Wire.HTTP2) {
            request.headers().set(HttpConversionUtil.ExtensionHeaderNames.SCHEME.text(),
                app.settings().tls().isPresent() ? "https" : "http");
        }
        if (connection == null || serverAskedToClose || !connection.isOpen()) {
            if (connection != null) {
                connection.close();
            }
            connection = requestConnections.get();
        }
        FullHttpResponse response = connection.exchange(request, timeout);
        serverAskedToClose = !HttpUtil.isKeepAlive(response);
        try {
            byte[] bytes = new byte[response.content().readableBytes()];
            response.content().readBytes(bytes);
            var responseHeaders = new io.netty.handler.codec.http.DefaultHttpHeaders().set(response.headers());
            for (HttpConversionUtil.ExtensionHeaderNames extension : HttpConversionUtil.ExtensionHeaderNames.values()) {
                responseHeaders.remove(extension.text()); // what Netty's HTTP/2 client adds of its own
            }
            TestResponse result = new TestResponse(response.status().code(), new NettyHeadersView(responseHeaders), bytes);
            cookies.store(result.headers().getAll("Set-Cookie"));
            return result;
        } finally {
            response.release();
        }
    }

    /** Closes the connection and runs the app's shutdown hooks (stopping the server on a socket wire). */
    @Override
    public void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (server != null) {
            server.close();
            return;
        }
        try {
            app.runShutdownHooks();
        } catch (Exception e) {
            throw new IllegalStateException("a shutdown hook failed", e);
        }
    }
}
