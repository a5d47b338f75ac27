package io.nettle.testkit;

import io.nettle.internal.codec.PercentCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A request being built for a {@link TestClient}; {@link #send()} sends it. */
public final class TestRequest {
    private static final int MAX_REDIRECTS = 20;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final TestClient client;
    private final String method;
    private final StringBuilder pathAndQuery;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Body body;
    private boolean followRedirects;

    TestRequest(TestClient client, String method, String path, boolean followRedirects) {
        this.client = client;
        this.method = Objects.requireNonNull(method, "method");
        this.pathAndQuery = new StringBuilder(relative(path));
        this.followRedirects = followRedirects;
    }

    /** Sets a header (replacing a value set before). */
    public TestRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Sets several headers. */
    public TestRequest headers(Map<String, String> headers) {
        this.headers.putAll(headers);
        return this;
    }

    /** Appends a query parameter, percent-encoded. */
    public TestRequest query(String name, String value) {
        pathAndQuery.append(pathAndQuery.indexOf("?") < 0 ? '?' : '&')
            .append(PercentCodec.encodeQueryComponent(name)).append('=').append(PercentCodec.encodeQueryComponent(value));
        return this;
    }

    /** Sets the body. */
    public TestRequest body(Body body) {
        this.body = Objects.requireNonNull(body, "body");
        return this;
    }

    /** Whether to follow redirects for this request. */
    public TestRequest followRedirects(boolean follow) {
        this.followRedirects = follow;
        return this;
    }

    /** Sends the request (following redirects when asked) and returns the final response. */
    public TestResponse send() {
        String currentMethod = method;
        String target = pathAndQuery.toString();
        Body currentBody = body;
        TestResponse response = client.execute(currentMethod, target, headers, currentBody);
        for (int i = 0; followRedirects && REDIRECTS.contains(response.status()) && i < MAX_REDIRECTS; i++) {
            String location = response.header("Location").orElseThrow(
                () -> new AssertionError("redirect without Location: " + target));
            if (response.status() == 303 || (response.status() <= 302 && !currentMethod.equals("HEAD"))) {
                currentMethod = "GET";
                currentBody = null;
            }
            response = client.execute(currentMethod, relative(location), headers, currentBody);
        }
        return response;
    }

    private static String relative(String url) {
        for (String base : new String[] {TestClient.BASE_URL, "https://testserver"}) {
            if (url.startsWith(base)) {
                String rest = url.substring(base.length());
                return rest.isEmpty() ? "/" : rest;
            }
        }
        if (url.startsWith("http://") || url.startsWith("https://")) {
            throw new IllegalArgumentException("the TestClient only reaches " + TestClient.BASE_URL + ", not " + url);
        }
        return url;
    }
}
