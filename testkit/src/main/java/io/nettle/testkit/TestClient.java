package io.nettle.testkit;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.nettle.App;
import io.nettle.internal.AppRuntime;
import io.nettle.internal.Internals;
import io.nettle.internal.NettyHeadersView;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Drives an {@link App} in memory through the very pipeline its server uses (codec, limits,
 * middleware, routing), without a socket, a port or threads of its own: everything runs on
 * the test's thread. Base URL {@code http://testserver}; cookies are kept across requests;
 * redirects are returned, not followed, unless asked for.
 * <pre>{@code
 * try (TestClient client = TestClient.of(app)) {
 *     assertThat(client.get("/")).hasStatus(200).hasBody("Hello");
 *     assertThat(client.post("/items", Body.json(Map.of("name", "x")))).hasStatus(201);
 *     client.request("GET", "/search").query("q", "a b").header("Accept", "text/html").send();
 * }
 * }</pre>
 * The app's startup hooks run when the client is made and its shutdown hooks when it is closed.
 * Not thread-safe: one client per test thread.
 */
public final class TestClient implements AutoCloseable {
    /** The base URL requests appear to be sent to. */
    public static final String BASE_URL = "http://testserver";

    private final AppRuntime app;
    private final CookieJar cookies = new CookieJar();
    private InMemoryConnection connection;
    private boolean followRedirects;
    private Duration timeout = Duration.ofSeconds(5);

    private TestClient(App app) {
        this.app = Internals.runtime(Objects.requireNonNull(app, "app"));
        try {
            this.app.runStartupHooks();
        } catch (Exception e) {
            throw new IllegalStateException("a startup hook failed", e);
        }
    }

    /** A client for {@code app}, its startup hooks run. */
    public static TestClient of(App app) {
        return new TestClient(app);
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
     * server answers until it closes the connection or stays quiet for 200 ms. For tests of
     * malformed or hostile input.
     */
    public String sendRaw(String raw) {
        try (InMemoryConnection fresh = new InMemoryConnection(app)) {
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
     * too) and offered subprotocols, over a new in-memory connection.
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
        return WebSocketTestSession.connect(app, path, all, subprotocols, timeout);
    }

    /** Whether the last request left its connection open for the next one (keep-alive). */
    public boolean connectionOpen() {
        return connection != null && connection.isOpen();
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
        if (connection == null || !connection.isOpen()) {
            if (connection != null) {
                connection.close();
            }
            connection = new InMemoryConnection(app);
        }
        FullHttpResponse response = connection.exchange(request, timeout);
        try {
            byte[] bytes = new byte[response.content().readableBytes()];
            response.content().readBytes(bytes);
            var responseHeaders = new io.netty.handler.codec.http.DefaultHttpHeaders().set(response.headers());
            TestResponse result = new TestResponse(response.status().code(), new NettyHeadersView(responseHeaders), bytes);
            cookies.store(result.headers().getAll("Set-Cookie"));
            return result;
        } finally {
            response.release();
        }
    }

    /** Closes the connection and runs the app's shutdown hooks. */
    @Override
    public void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        try {
            app.runShutdownHooks();
        } catch (Exception e) {
            throw new IllegalStateException("a shutdown hook failed", e);
        }
    }
}
