package io.nettle.internal;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.nettle.http.AttributeKey;
import io.nettle.http.ClientAddress;
import io.nettle.http.Connection;
import io.nettle.http.ConnectionExecutor;
import io.nettle.http.Headers;
import io.nettle.http.HttpException;
import io.nettle.http.Params;
import io.nettle.http.PathParams;
import io.nettle.http.Response;
import io.nettle.http.Session;
import io.nettle.http.Url;
import io.nettle.internal.codec.AllowedHosts;
import io.nettle.internal.codec.Forwarded;
import io.nettle.internal.codec.HostHeader;
import io.nettle.internal.codec.CommonHeaders;
import io.nettle.internal.codec.NettyHeadersView;
import io.nettle.internal.codec.PairHeaders;
import io.nettle.internal.codec.ParamsParser;
import io.nettle.internal.routing.PathSegments;
import io.nettle.security.AuthCredentials;
import io.nettle.security.BaseUser;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Everything known about one HTTP request or WebSocket upgrade, shared by the {@code Request}
 * or {@code WebSocket} object the application sees. Parsed parts are computed on first use.
 * Confined to the connection's loop except for reads of its immutable parts.
 */
public final class RequestState {
    private HttpRequest head;
    private final AppRuntime app;
    private final ConnectionExecutor loop;
    private final boolean secure;
    private final ClientAddress client;
    private final String localHost;
    private final int localPort;
    private Headers headers;
    private BodySource body;

    private final int queryStart;
    private final boolean webSocketUpgrade;
    private Url url;
    private Forwarded forwarded;
    private String[] pathSegments;
    private Params queryParams;
    private Map<String, String> cookies;
    private PathParams pathParams = PathParams.empty();
    /** Attributes as [key, value, ...] (see {@link #attribute(AttributeKey, Object)}), or {@code null}. */
    private Object[] attributes;
    private Takeover takeover;
    private List<X509Certificate> clientCertificates = List.of();
    private BaseUser user;
    private AuthCredentials credentials;
    private Session session;
    private UnaryOperator<Response> failureResponse;

    /**
     * The state behind {@code connection}: every {@link Connection} is a {@link ConnectionBase},
     * since connections are made by the server only.
     */
    public static RequestState of(Connection connection) {
        if (connection instanceof ConnectionBase base) {
            return base.requestState();
        }
        throw new IllegalArgumentException("not a connection made by Nettle's server: " + connection.getClass().getName());
    }

    public RequestState(HttpRequest head, AppRuntime app, ConnectionExecutor loop, boolean secure,
                           ClientAddress client, String localHost, int localPort, BodySource body) {
        this.head = head;
        this.app = app;
        this.loop = loop;
        this.secure = secure;
        this.client = client;
        this.localHost = localHost;
        this.localPort = localPort;
        this.headers = new NettyHeadersView(head.headers());
        this.body = body;
        this.queryStart = head.uri().indexOf('?');
        this.webSocketUpgrade = WebSocketUpgrades.isUpgrade(head);
    }

    public HttpRequest head() {
        return head;
    }

    public AppRuntime app() {
        return app;
    }

    public ConnectionExecutor loop() {
        return loop;
    }

    public Headers headers() {
        return headers;
    }

    public BodySource body() {
        return body;
    }

    /** Whether the request was abandoned: its connection closed before it was answered. */
    public boolean abandoned() {
        return body.abandoned();
    }

    /**
     * Lets go of the request body's source (and through it the HTTP handler) once the
     * connection has been handed over to another protocol, which keeps this state alive.
     */
    public void detachBody() {
        body = BodySource.EMPTY;
    }

    /**
     * Keeps what a long-lived connection needs in a compact form: the headers as a flat array
     * instead of Netty's hash table (common names and values shared between connections), a
     * head without headers, and none of the parts parsed for routing (URL, path segments, query,
     * cookies), which are parsed again if asked for. For WebSocket connections, which keep this
     * state for their whole life.
     */
    public void compact() {
        url = null;
        pathSegments = null;
        queryParams = null;
        cookies = null;
        java.util.List<String> pairs = new java.util.ArrayList<>(head.headers().size() * 2);
        head.headers().forEach(header -> {
            pairs.add(CommonHeaders.shared(header.getKey()));
            pairs.add(CommonHeaders.shared(header.getValue()));
        });
        headers = new PairHeaders(pairs.toArray(String[]::new));
        head = new io.netty.handler.codec.http.DefaultHttpRequest(head.protocolVersion(), head.method(), head.uri(),
            io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
    }

    /** The client: the socket's peer, or the one a trusted proxy forwarded (see {@link Forwarded}). */
    public ClientAddress client() {
        ClientAddress forwardedClient = forwarded().client();
        return forwardedClient != null ? forwardedClient : client;
    }

    /** What the peer forwarded, if it is a trusted proxy; read once. A 400 when it is malformed. */
    private Forwarded forwarded() {
        if (forwarded == null) {
            forwarded = app.trustedProxies().trusts(client.host()) ? Forwarded.of(headers, app.trustedProxies()) : Forwarded.NONE;
        }
        return forwarded;
    }

    /**
     * Why this request is refused before any middleware runs, or {@code null}: malformed
     * forwarding headers from a trusted proxy, or a host (as sent, or as forwarded) that the
     * settings do not allow.
     */
    public HttpException refusal() {
        AllowedHosts allowed = app.allowedHosts();
        if (app.trustedProxies().isEmpty() && allowed.allowsAny()) {
            return null;
        }
        try {
            String host = forwarded().host();
            return allowed.allows(host != null ? host : headers.get("Host").orElse(null)) ? null : AllowedHosts.refusal();
        } catch (HttpException malformed) {
            return malformed;
        }
    }

    public boolean isWebSocketUpgrade() {
        return webSocketUpgrade;
    }

    /** The path as sent, percent-encoding kept, without the query. */
    public String rawPath() {
        String uri = head.uri();
        return queryStart < 0 ? uri : uri.substring(0, queryStart);
    }

    /** The query as sent, without {@code ?}; empty when there is none. */
    public String rawQuery() {
        return queryStart < 0 ? "" : head.uri().substring(queryStart + 1);
    }

    public Url url() {
        if (url == null) {
            Forwarded f = forwarded();
            url = HostHeader.url(f.host() != null ? f.host() : headers.get("Host").orElse(null),
                f.scheme() != null ? f.scheme().equals("https") : secure, f.port(), isWebSocketUpgrade(),
                localHost, localPort, rawPath(), rawQuery());
        }
        return url;
    }

    /** The decoded path segments; a 400 when the path is malformed. */
    public String[] pathSegments() {
        if (pathSegments == null) {
            pathSegments = PathSegments.decode(rawPath());
        }
        return pathSegments;
    }

    public Params queryParams() {
        if (queryParams == null) {
            queryParams = ParamsParser.parse(rawQuery(), "query string");
        }
        return queryParams;
    }

    public Map<String, String> cookies() {
        if (cookies == null) {
            cookies = parseCookies();
        }
        return cookies;
    }

    private Map<String, String> parseCookies() {
        var lines = headers.getAll("Cookie");
        if (lines.isEmpty()) {
            return Map.of();
        }
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.length() > 8192) {
                throw new HttpException(400, "Cookie header too long");
            }
            try {
                for (var cookie : ServerCookieDecoder.LAX.decodeAll(line)) {
                    parsed.putIfAbsent(cookie.name(), cookie.value());
                }
            } catch (IllegalArgumentException malformed) {
                // Netty's decoder throws for a name of control characters only (found by CookieFuzzTest).
                throw new HttpException(400, "Malformed Cookie header");
            }
        }
        return Collections.unmodifiableMap(parsed);
    }

    /** The authenticated (or anonymous) user, or {@code null} when no authentication middleware ran. */
    public BaseUser user() {
        return user;
    }

    /** The credentials, or {@code null} when no authentication middleware ran. */
    public AuthCredentials credentials() {
        return credentials;
    }

    /** Records the outcome of authentication. */
    public void authenticate(BaseUser user, AuthCredentials credentials) {
        this.user = java.util.Objects.requireNonNull(user, "user");
        this.credentials = java.util.Objects.requireNonNull(credentials, "credentials");
    }

    /** The session, or {@code null} when no session middleware ran. */
    public Session session() {
        return session;
    }

    /** Attaches the session loaded by the session middleware. */
    public void session(Session session) {
        this.session = java.util.Objects.requireNonNull(session, "session");
    }

    /** The upgrade that takes this connection over, if a handshake endpoint registered one. */
    /** The client's verified certificate chain (leaf first), empty when it presented none or the connection is not TLS. */
    public List<X509Certificate> clientCertificates() {
        return clientCertificates;
    }

    /** Records the client's verified certificate chain. */
    public void clientCertificates(List<X509Certificate> chain) {
        this.clientCertificates = List.copyOf(chain);
    }

    public Takeover takeover() {
        return takeover;
    }

    public void takeover(Takeover takeover) {
        this.takeover = takeover;
    }

    public PathParams pathParams() {
        return pathParams;
    }

    public void pathParams(PathParams params) {
        this.pathParams = params;
    }

    @SuppressWarnings("unchecked")
    public <T> T attribute(AttributeKey<T> key) {
        int at = attributeIndex(key);
        return at < 0 ? null : (T) attributes[at + 1];
    }

    /**
     * Sets (or with {@code null} removes) an attribute. Kept as {@code [key, value, key, value...]}
     * compared by identity: a connection has a handful, and a WebSocket keeps them for its life.
     */
    public <T> void attribute(AttributeKey<T> key, T value) {
        int at = attributeIndex(key);
        if (value == null) {
            if (at >= 0) {
                attributes[at] = null;
                attributes[at + 1] = null;
            }
            return;
        }
        Object checked = key.type().cast(value);
        if (at < 0) {
            at = attributeIndex(null);
        }
        if (at < 0) {
            at = attributes == null ? 0 : attributes.length;
            attributes = attributes == null ? new Object[4] : java.util.Arrays.copyOf(attributes, attributes.length * 2);
        }
        attributes[at] = key;
        attributes[at + 1] = checked;
    }

    /** Where {@code key} is in {@link #attributes} ({@code null}: a free place), or -1. */
    private int attributeIndex(AttributeKey<?> key) {
        if (attributes != null) {
            for (int i = 0; i < attributes.length; i += 2) {
                if (attributes[i] == key) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Adds {@code change} to what is done to the response the app makes for a failure that no
     * middleware turned into a response (an exception handler's, or the last-resort 500). A
     * middleware registers it before calling {@code next}; changes registered later (by inner
     * middleware) are applied first, as they would be on a response. For {@code CorsMiddleware},
     * whose headers must reach the browser on every answer to a cross-origin request.
     */
    public void onFailureResponse(UnaryOperator<Response> change) {
        UnaryOperator<Response> outer = failureResponse;
        failureResponse = outer == null ? change : response -> outer.apply(change.apply(response));
    }

    /** {@code response}, made for a failure, with the changes of {@link #onFailureResponse}. */
    public Response failureResponse(Response response) {
        return failureResponse == null ? response : failureResponse.apply(response);
    }
}
