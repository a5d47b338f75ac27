package io.nettle.internal.http1;

import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryWire;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests whose framing or syntax is ambiguous are refused with a 400 and the connection is
 * closed, so that nothing sent after them (a smuggled request) is ever answered.
 */
@OnEveryWire
class SmugglingTest {
    private final Wire wire;

    SmugglingTest(Wire wire) {
        this.wire = wire;
    }

    private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final App APP = App.builder()
        .route(Route.post("/", r -> r.body().thenApply(b -> Response.text("got " + b.length))))
        .route(Route.get("/smuggled", Endpoint.sync(r -> Response.text("SMUGGLED"))))
        .route(Route.get("/{rest:path}", Endpoint.sync(r -> Response.text("ok"))))
        .build();

    static Stream<Arguments> malformed() {
        return Stream.of(
            Arguments.of("Content-Length with Transfer-Encoding",
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
            Arguments.of("Transfer-Encoding before Content-Length",
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 40\r\n\r\n0\r\n\r\n"),
            Arguments.of("two different Content-Lengths", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde"),
            Arguments.of("a Content-Length list", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4, 5\r\n\r\nabcde"),
            Arguments.of("two equal Content-Lengths", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 4\r\n\r\nabcd"),
            Arguments.of("a negative Content-Length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n"),
            Arguments.of("an overflowing Content-Length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n"),
            Arguments.of("a signed Content-Length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +4\r\n\r\nabcd"),
            Arguments.of("a chunk size that is not hex", chunked("zz\r\nabc\r\n0\r\n\r\n")),
            Arguments.of("a negative chunk size", chunked("-1\r\nabc\r\n0\r\n\r\n")),
            Arguments.of("an overflowing chunk size", chunked("ffffffffffffffffff\r\nabc\r\n0\r\n\r\n")),
            Arguments.of("a chunk longer than its size", chunked("3\r\nabcdef\r\n0\r\n\r\n")),
            Arguments.of("chunked not last", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"),
            Arguments.of("an unknown transfer coding", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n"),
            Arguments.of("chunked twice", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
            Arguments.of("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
            Arguments.of("an obs-folded header (space)", "GET /a HTTP/1.1\r\nHost: x\r\nX-A: one\r\n two\r\n\r\n"),
            Arguments.of("an obs-folded header (tab)", "GET /a HTTP/1.1\r\nHost: x\r\nX-A: one\r\n\ttwo\r\n\r\n"),
            Arguments.of("an obs-folded Transfer-Encoding", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: x\r\n chunked\r\n\r\n0\r\n\r\n"),
            Arguments.of("whitespace before the first header", "GET /a HTTP/1.1\r\n Host: x\r\n\r\n"),
            Arguments.of("a header line without colon", "GET /a HTTP/1.1\r\nHost: x\r\nX-A one\r\n\r\n"),
            Arguments.of("whitespace before the colon", "GET /a HTTP/1.1\r\nHost: x\r\nX-A : one\r\n\r\n"),
            Arguments.of("whitespace before the colon of Content-Length",
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length : 4\r\n\r\nabcd"),
            Arguments.of("NUL in a header value", "GET /a HTTP/1.1\r\nHost: x\r\nX-A: o\0ne\r\n\r\n"),
            Arguments.of("NUL in a header name", "GET /a HTTP/1.1\r\nHost: x\r\nX\0A: one\r\n\r\n"),
            Arguments.of("a bare CR in a header value", "GET /a HTTP/1.1\r\nHost: x\r\nX-A: o\rne\r\n\r\n"),
            Arguments.of("a bare CR in a header name", "GET /a HTTP/1.1\r\nHo\rst: x\r\n\r\n"),
            Arguments.of("NUL in the request target", "GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n"),
            Arguments.of("a bare CR in the request target", "GET /a\rb HTTP/1.1\r\nHost: x\r\n\r\n"),
            Arguments.of("a bare CR ending the request line", "GET /a HTTP/1.1\rHost: x\r\n\r\n"),
            Arguments.of("bare LF line ends", "GET /a HTTP/1.1\nHost: x\n\n"),
            Arguments.of("a control character in the request target", "GET /a\u0001b HTTP/1.1\r\nHost: x\r\n\r\n"),
            Arguments.of("a method with a separator", "G(T /a HTTP/1.1\r\nHost: x\r\n\r\n"),
            Arguments.of("trailing whitespace in the request line", "GET /a HTTP/1.1 \r\nHost: x\r\n\r\n"),
            Arguments.of("HTTP/1.1 without Host", "GET /a HTTP/1.1\r\n\r\n"),
            Arguments.of("two Host headers", "GET /a HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"));
    }

    private static String chunked(String body) {
        return "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + body;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isRefusedWith400AndTheConnectionClosed(String what, String request) {
        try (TestClient client = TestClient.of(APP, wire)) {
            String raw = client.sendRaw(request + SMUGGLED);
            assertThat(raw).startsWith("HTTP/1.1 400 Bad Request").containsIgnoringCase("connection: close")
                .doesNotContain("SMUGGLED").doesNotContainIgnoringCase("exception");
            assertThat(raw.split("HTTP/1.1 ", -1)).as("exactly one response").hasSize(2);
            assertThat(client.get("/after")).as("the server still serves").extracting(r -> r.status()).isEqualTo(200);
        }
    }

    @Test
    void anUnknownMethodIs405WithAllowOnAKnownPathAnd404Elsewhere() {
        App app = App.builder().route(Route.get("/a", Endpoint.sync(r -> Response.text("ok")))).build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.sendRaw("FOO /a HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 405 Method Not Allowed")
                .containsIgnoringCase("allow: GET, HEAD");
            assertThat(client.sendRaw("FOO /b HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404");
            assertThat(client.sendRaw("BREW /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET /a HTTP/1.1\r\nHost: x\r\n\r\n"))
                .as("the connection stays usable").startsWith("HTTP/1.1 405").endsWith("ok");
        }
    }

    @Test
    void aVersionOtherThanHttp1IsAnswered505AndClosed() {
        try (TestClient client = TestClient.of(APP, wire)) {
            for (String version : new String[] {"HTTP/2.0", "HTTP/3.0", "HTTP/0.9"}) {
                assertThat(client.sendRaw("GET / " + version + "\r\nHost: x\r\n\r\n" + SMUGGLED)).as(version)
                    .startsWith("HTTP/1.1 505 HTTP Version Not Supported").containsIgnoringCase("connection: close").doesNotContain("SMUGGLED");
            }
            assertThat(client.sendRaw("GET /x HTTP/1.0\r\n\r\n")).as("HTTP/1.0 is served").startsWith("HTTP/1.1 200").endsWith("ok");
        }
    }

    @Test
    void aWellFramedBodyEndsWhereItSaysSoTheNextRequestIsServed() {
        try (TestClient client = TestClient.of(APP, wire)) {
            String raw = client.sendRaw("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nabcd" + SMUGGLED);
            assertThat(raw).startsWith("HTTP/1.1 200").contains("got 4").endsWith("SMUGGLED");
        }
    }
}
