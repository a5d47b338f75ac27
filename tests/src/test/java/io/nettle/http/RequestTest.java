package io.nettle.http;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.App;
import io.nettle.middleware.Middleware;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.Body;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

@OnEveryProtocol
class RequestTest {
    private final Wire wire;

    RequestTest(Wire wire) {
        this.wire = wire;
    }

    /** A typed JSON body. */
    public record Item(String name, int qty) {
    }

    private TestClient client(Route... routes) {
        return TestClient.of(App.builder().route(routes).build(), wire);
    }

    private static Endpoint json(java.util.function.Function<io.nettle.http.Request, Object> f) {
        return Endpoint.sync(request -> Response.json(f.apply(request)));
    }

    @Test
    void methodIsUpperCase() {
        try (TestClient client = client(Route.of("/", Endpoint.sync(r -> Response.text(r.method())), "GET", "PUT", "PATCH"))) {
            assertThat(client.get("/")).hasBody("GET");
            assertThat(client.put("/", Body.text(""))).hasBody("PUT");
            assertThat(client.patch("/", Body.text(""))).hasBody("PATCH");
        }
    }

    @Test
    void urlHasSchemeHostPortPathAndQueryFromTheHostHeader() {
        try (TestClient client = client(Route.get("/{rest:path}", json(r -> {
            Url url = r.url();
            return Map.of("scheme", url.scheme(), "host", url.host(), "port", url.port(), "rawPath", url.rawPath(),
                "query", url.rawQuery(), "path", r.path(), "url", url.toString());
        })))) {
            assertThat(client.get("/a%20b/c?x=1&y=2")).hasStatus(200).hasJsonBody("""
                {"scheme": "http", "host": "testserver", "port": 80, "rawPath": "/a%20b/c", "path": "/a b/c",
                 "query": "x=1&y=2", "url": "http://testserver/a%20b/c?x=1&y=2"}""");
            assertThat(client.request("GET", "/p").header("Host", "example.com:8443").send()).hasJsonBody("""
                {"scheme": "http", "host": "example.com", "port": 8443, "rawPath": "/p", "path": "/p",
                 "query": "", "url": "http://example.com:8443/p"}""");
            assertThat(client.request("GET", "/p").header("Host", "[::1]:9000").send())
                .hasBodyContaining("\"host\":\"::1\"").hasBodyContaining("\"url\":\"http://[::1]:9000/p\"");
        }
    }

    private static App headersApp() {
        return App.builder().route(Route.get("/", json(r -> Map.of(
            "tags", r.headers().getAll("x-tag"),
            "first", r.header("X-TAG").orElse("-"),
            "has", r.headers().contains("X-Tag"),
            "agent", r.header("user-agent").orElse("-"))))).build();
    }

    @Test
    void headersAreCaseInsensitive() {
        // over HTTP/2 the names arrive in lower case (RFC 9113 §8.2.1), over HTTP/1.1 as sent
        try (TestClient client = TestClient.of(headersApp(), wire)) {
            assertThat(client.get("/", Map.of("X-Tag", "one", "USER-AGENT", "t")))
                .hasJsonBody("{\"tags\": [\"one\"], \"first\": \"one\", \"has\": true, \"agent\": \"t\"}");
            assertThat(client.get("/")).hasJsonBody("{\"tags\": [], \"first\": \"-\", \"has\": false, \"agent\": \"-\"}");
        }
    }

    @Test
    void repeatedHeaderLinesAreOneMultiValuedHeader() throws Exception {
        Assumptions.assumeTrue(wire != Wire.HTTP2, "two header lines of one name, as raw HTTP/1.1 bytes: sendRaw speaks HTTP/1.1 "
            + "on every wire, and the TestClient sends one value per header name");
        try (TestClient client = TestClient.of(headersApp(), wire)) {
            String raw = client.sendRaw("GET / HTTP/1.1\r\nHost: x\r\nX-Tag: one\r\nx-tag: two\r\nUser-Agent: t\r\n\r\n");
            Assertions.assertThat(raw).startsWith("HTTP/1.1 200");
            Assertions.assertThat(Json.mapper().readTree(raw.substring(raw.indexOf("\r\n\r\n") + 4)))
                .isEqualTo(Json.mapper().readTree("{\"tags\": [\"one\", \"two\"], \"first\": \"one\", \"has\": true, \"agent\": \"t\"}"));
            Assertions.assertThat(client.get("/").json().get("tags").size()).isZero();
        }
    }

    @Test
    void queryParamsAreDecodedAndMultiValued() {
        try (TestClient client = client(Route.get("/", json(r -> Map.of(
                "all", r.queryParams().asMap(),
                "q", r.queryParam("q").orElse("-"),
                "missing", r.queryParam("missing").isPresent()))))) {
            assertThat(client.get("/?q=a+b&tag=x&tag=y%26z&empty=&flag&q=%C3%A9")).hasStatus(200).hasJsonBody("""
                {"all": {"q": ["a b", "é"], "tag": ["x", "y&z"], "empty": [""], "flag": [""]},
                 "q": "a b", "missing": false}""");
            assertThat(client.request("GET", "/").query("k", "1+1=2 & more").send())
                .hasJsonBody("{\"all\": {\"k\": [\"1+1=2 & more\"]}, \"q\": \"-\", \"missing\": false}");
        }
    }

    @Test
    void aMalformedQueryStringIs400NotA500() {
        try (TestClient client = client(Route.get("/", json(r -> r.queryParams().asMap())))) {
            assertThat(client.get("/?a=%zz")).hasStatus(400).hasBodyContaining("Malformed query string");
            assertThat(client.get("/?a=%4")).hasStatus(400);
            assertThat(client.get("/?a=%C3")).hasStatus(400);
        }
    }

    @Test
    void pathParamsAreTyped() {
        try (TestClient client = client(Route.get("/u/{id:int}/s/{score:float}/{name}", Endpoint.sync(r -> Response.text(
                (r.pathParams().getLong("id") * 2) + " " + (r.pathParams().getDouble("score") / 2) + " "
                    + r.pathParams().getString("name") + " " + r.pathParam("id")))))) {
            assertThat(client.get("/u/21/s/3.0/bob")).hasStatus(200).hasBody("42 1.5 bob 21");
        }
    }

    @Test
    void cookiesSentByTheClientAreReadable() {
        try (TestClient client = client(Route.get("/", json(r -> Map.of(
                "all", r.cookies(), "session", r.cookie("session").orElse("-"), "none", r.cookie("none").isPresent()))))) {
            assertThat(client.get("/", Map.of("Cookie", "session=abc; theme=dark"))).hasJsonBody("""
                {"all": {"session": "abc", "theme": "dark"}, "session": "abc", "none": false}""");
            assertThat(client.get("/")).hasJsonBody("{\"all\": {}, \"session\": \"-\", \"none\": false}");
        }
    }

    @Test
    void theTestClientConnectsFromLoopbackAsOnASocket() {
        try (TestClient client = client(Route.get("/", Endpoint.sync(r -> Response.text(r.client().host() + " " + r.client().port()))))) {
            String[] hostAndPort = client.get("/").text().split(" ");
            Assertions.assertThat(hostAndPort[0]).isEqualTo("127.0.0.1");
            if (wire == Wire.IN_MEMORY) {
                Assertions.assertThat(hostAndPort[1]).as("the in-memory client's port").isEqualTo("50000");
            } else {
                Assertions.assertThat(Integer.parseInt(hostAndPort[1])).as("the client socket's port").isBetween(1, 65535);
            }
        }
    }

    @Test
    void typedAttributesSetInMiddlewareAreReadInTheEndpoint() {
        AttributeKey<Integer> userId = AttributeKey.of("userId", Integer.class);
        Middleware auth = (request, next) -> {
            request.setAttribute(userId, 42);
            return next.handle(request);
        };
        App app = App.builder()
            .middleware(auth)
            .route(Route.get("/", Endpoint.sync(r -> Response.text("user " + (r.attribute(userId).orElseThrow() + 1)))))
            .route(Route.get("/other", Endpoint.sync(r -> Response.text(
                String.valueOf(r.attribute(AttributeKey.of("userId", Integer.class)).isPresent())))))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/")).hasBody("user 43");
            assertThat(client.get("/other")).as("keys compare by identity").hasBody("false");
        }
    }

    @Test
    void manyAttributesCanBeSetReplacedAndRemoved() {
        java.util.List<AttributeKey<Integer>> keys = java.util.stream.IntStream.range(0, 5)
            .mapToObj(i -> AttributeKey.of("k" + i, Integer.class)).toList();
        Middleware set = (request, next) -> {
            keys.forEach(key -> request.setAttribute(key, keys.indexOf(key)));
            request.setAttribute(keys.get(1), 10);     // replaced
            request.setAttribute(keys.get(2), null);   // removed
            request.setAttribute(keys.get(2), 20);     // set again, in the freed place
            request.setAttribute(keys.get(3), null);   // removed for good
            return next.handle(request);
        };
        App app = App.builder()
            .middleware(set)
            .route(Route.get("/", Endpoint.sync(r -> Response.text(keys.stream()
                .map(key -> r.attribute(key).map(String::valueOf).orElse("-")).collect(java.util.stream.Collectors.joining(","))))))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/")).hasBody("0,10,20,-,4");
        }
    }

    @Test
    void bodyAsBytesAndText() {
        byte[] binary = {0, 1, (byte) 0xff, 10};
        try (TestClient client = client(
                Route.post("/bytes", r -> r.body().thenApply(b -> Response.text(b.length + ":" + (b[2] & 0xff)))),
                Route.post("/text", r -> r.text().thenApply(Response::text)))) {
            assertThat(client.post("/bytes", Body.bytes(binary, "application/octet-stream"))).hasBody("4:255");
            assertThat(client.post("/text", Body.text("héllo"))).hasBody("héllo");
            assertThat(client.post("/text", Body.bytes("h\u00e9".getBytes(StandardCharsets.ISO_8859_1),
                "text/plain; charset=ISO-8859-1"))).hasBody("hé");
            assertThat(client.post("/text", Body.bytes(new byte[] {'a'}, "text/plain; charset=nope"))).hasStatus(400);
        }
    }

    @Test
    void anEmptyBodyIsEmptyBytes() {
        try (TestClient client = client(Route.post("/", r -> r.body().thenApply(b -> Response.text("n=" + b.length))))) {
            assertThat(client.request("POST", "/").send()).hasBody("n=0");
        }
    }

    @Test
    void bodyAsJsonTreeAndTypedRecord() {
        try (TestClient client = client(
                Route.post("/tree", r -> r.json().thenApply(node -> Response.text(node.get("name").asText()))),
                Route.post("/typed", r -> r.json(Item.class).thenApply(item -> Response.json(new Item(item.name() + "!", item.qty() * 2)))))) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", "pen");
            item.put("qty", 3);
            item.put("unknown", true);
            assertThat(client.post("/tree", Body.json(item))).hasStatus(200).hasBody("pen");
            assertThat(client.post("/typed", Body.json(item))).hasStatus(200).hasJsonBody("{\"name\": \"pen!\", \"qty\": 6}");
        }
    }

    @Test
    void invalidJsonIs400WithAClearMessage() {
        try (TestClient client = client(
                Route.post("/tree", r -> r.json().thenApply(node -> Response.text("ok"))),
                Route.post("/typed", r -> r.json(Item.class).thenApply(item -> Response.text("ok"))))) {
            for (String path : List.of("/tree", "/typed")) {
                assertThat(client.post(path, Body.rawJson("{nope"))).hasStatus(400).hasBodyContaining("Invalid JSON body");
                assertThat(client.post(path, Body.rawJson(""))).hasStatus(400).hasBodyContaining("Invalid JSON body");
                assertThat(client.post(path, Body.rawJson("{\"name\": \"a\", \"qty\": 1} trailing")))
                    .hasStatus(400).hasBodyContaining("Invalid JSON body");
                assertThat(client.post(path, Body.rawJson("[".repeat(1000)))).hasStatus(400);
            }
            assertThat(client.post("/typed", Body.rawJson("{\"qty\": \"many\"}"))).hasStatus(400).hasBodyContaining("Invalid JSON body");
            assertThat(client.post("/typed", Body.rawJson("[1, 2]"))).hasStatus(400);
            assertThat(client.post("/typed", Body.rawJson("null"))).hasStatus(400);
        }
    }

    @Test
    void bodyAsUrlencodedForm() {
        try (TestClient client = client(Route.post("/", r -> r.form().thenApply(f -> Response.json(f.asMap()))))) {
            assertThat(client.post("/", Body.form(Map.of("name", "a b&c=d")))).hasStatus(200)
                .hasJsonBody("{\"name\": [\"a b&c=d\"]}");
            assertThat(client.post("/", Body.bytes("x=1&x=2&y=%C3%A9".getBytes(StandardCharsets.US_ASCII),
                "application/x-www-form-urlencoded"))).hasJsonBody("{\"x\": [\"1\", \"2\"], \"y\": [\"é\"]}");
        }
    }

    @Test
    void anInvalidFormEscapeIs400NotA500() {
        try (TestClient client = client(Route.post("/", r -> r.form().thenApply(f -> Response.json(f.asMap()))))) {
            assertThat(client.post("/", Body.bytes("a=%zz".getBytes(StandardCharsets.US_ASCII),
                "application/x-www-form-urlencoded"))).hasStatus(400).hasBodyContaining("Malformed form body");
        }
    }
}
