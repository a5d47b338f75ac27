package io.nettle.http;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.App;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.Wire;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

@OnEveryProtocol
class ResponseTest {
    private final Wire wire;

    ResponseTest(Wire wire) {
        this.wire = wire;
    }

    /** Serves {@code response} at {@code /} and fetches it. */
    private TestResponse serve(Response response) {
        try (TestClient client = TestClient.of(App.builder().route(Route.get("/", Endpoint.sync(r -> response))).build(), wire)) {
            return client.get("/");
        }
    }

    @Test
    void textIsUtf8PlainText() {
        assertThat(serve(Response.text("héllo"))).hasStatus(200)
            .hasHeader("Content-Type", "text/plain; charset=utf-8").hasHeader("Content-Length", "6").hasBody("héllo");
    }

    @Test
    void htmlIsUtf8Html() {
        assertThat(serve(Response.html("<p>hi</p>"))).hasStatus(200)
            .hasHeader("Content-Type", "text/html; charset=utf-8").hasBody("<p>hi</p>");
    }

    @Test
    void jsonIsSerializedByJackson() {
        assertThat(serve(Response.json(Map.of("id", 7, "tags", List.of("a", "b"))))).hasStatus(200)
            .hasHeader("Content-Type", "application/json").hasJsonBody("{\"id\": 7, \"tags\": [\"a\", \"b\"]}");
    }

    @Test
    void bytesKeepTheirContentType() {
        TestResponse response = serve(Response.bytes(new byte[] {1, 2, 3}, "application/octet-stream"));
        assertThat(response).hasStatus(200).hasHeader("Content-Type", "application/octet-stream");
        Assertions.assertThat(response.bytes()).containsExactly(1, 2, 3);
    }

    @Test
    void statusGivesAnEmptyBody() {
        assertThat(serve(Response.status(202))).hasStatus(202).hasEmptyBody().hasHeader("Content-Length", "0");
        assertThat(serve(Response.status(204))).hasStatus(204).hasEmptyBody();
        assertThat(serve(Response.text("created").withStatus(201))).hasStatus(201).hasBody("created");
    }

    @Test
    void noContentAndNotModifiedAreSentWithoutContentLength() {
        Assumptions.assumeTrue(wire != Wire.HTTP2, "raw HTTP/1.1 bytes (sendRaw speaks HTTP/1.1 on every wire)");
        App app = App.builder()
            .route(Route.get("/204", Endpoint.sync(r -> Response.text("ignored").withStatus(204))))
            .route(Route.get("/304", Endpoint.sync(r -> Response.status(304))))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            String raw = client.sendRaw("GET /204 HTTP/1.1\r\nHost: x\r\n\r\nGET /304 HTTP/1.1\r\nHost: x\r\n\r\n");
            Assertions.assertThat(raw).startsWith("HTTP/1.1 204").contains("HTTP/1.1 304")
                .doesNotContainIgnoringCase("content-length").doesNotContain("ignored");
        }
    }

    @Test
    void aStatusOutsideTheValidRangeIsRefused() {
        assertThatThrownBy(() -> Response.status(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Response.text("x").withStatus(600)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void redirectIs307ByDefaultAndAny3xxOnRequest() {
        assertThat(serve(Response.redirect("/next"))).redirectsTo(307, "/next").hasEmptyBody();
        assertThat(serve(Response.redirect("/next", 303))).redirectsTo(303, "/next");
        assertThat(serve(Response.redirect("https://example.com/", 301))).redirectsTo(301, "https://example.com/");
        assertThatThrownBy(() -> Response.redirect("/x", 200)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("3xx");
    }

    @Test
    void headersCanBeSetAddedAndRemoved() {
        Response response = Response.text("x")
            .withHeader("X-One", "1")
            .addHeader("X-Many", "a").addHeader("X-Many", "b")
            .withHeader("X-Gone", "g").withoutHeader("x-gone");
        TestResponse served = serve(response);
        assertThat(served).hasHeader("X-One", "1").hasNoHeader("X-Gone");
        Assertions.assertThat(served.headers().getAll("x-many")).containsExactly("a", "b");
        assertThat(serve(response.withHeader("X-One", "2"))).hasHeader("X-One", "2");
    }

    @Test
    void responsesAreImmutable() {
        Response original = Response.text("x");
        Response changed = original.withHeader("X-A", "1").withStatus(201).withCookie(Cookie.of("a", "b"));
        Assertions.assertThat(original.status()).isEqualTo(200);
        Assertions.assertThat(original.headers().contains("X-A")).isFalse();
        Assertions.assertThat(original.headers().contains("Set-Cookie")).isFalse();
        Assertions.assertThat(changed.status()).isEqualTo(201);
    }

    @Test
    void aHeaderValueWithCrOrLfIsRefused() {
        assertThatThrownBy(() -> Response.text("x").withHeader("X-A", "a\r\nSet-Cookie: evil=1"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid character in header value");
        assertThatThrownBy(() -> Response.text("x").addHeader("X-A", "a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Response.redirect("/a\r\nX: y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Response.text("x").withHeader("X A", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Response.text("x").withHeader("X:A", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Response.bytes(new byte[0], "text/plain\r\nX: y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCookieIsSetWithEveryAttribute() {
        Cookie cookie = Cookie.of("session", "abc123").maxAge(Duration.ofHours(1)).path("/app").domain("example.com")
            .secure(true).httpOnly(true).sameSite(Cookie.SameSite.LAX);
        assertThat(serve(Response.text("x").withCookie(cookie)))
            .hasHeader("Set-Cookie", "session=abc123; Max-Age=3600; Path=/app; Domain=example.com; Secure; HttpOnly; SameSite=Lax")
            .setsCookie("session", "abc123");
    }

    @Test
    void aPlainCookieHasPathSlashAndNoOtherAttribute() {
        assertThat(serve(Response.text("x").withCookie(Cookie.of("a", "1")))).hasHeader("Set-Cookie", "a=1; Path=/");
        assertThat(serve(Response.text("x").withCookie(Cookie.of("a", "1").sameSite(Cookie.SameSite.STRICT))))
            .hasHeader("Set-Cookie", "a=1; Path=/; SameSite=Strict");
        assertThat(serve(Response.text("x").withCookie(Cookie.of("a", "1").secure(true).sameSite(Cookie.SameSite.NONE))))
            .hasHeader("Set-Cookie", "a=1; Path=/; Secure; SameSite=None");
    }

    @Test
    void severalCookiesGiveSeveralSetCookieLines() {
        TestResponse response = serve(Response.text("x").withCookie(Cookie.of("a", "1")).withCookie(Cookie.of("b", "2")));
        Assertions.assertThat(response.headers().getAll("Set-Cookie")).containsExactly("a=1; Path=/", "b=2; Path=/");
        Assertions.assertThat(response.cookies()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    }

    @Test
    void deleteCookieExpiresItAtPathSlash() {
        assertThat(serve(Response.text("bye").deleteCookie("session"))).hasHeader("Set-Cookie", "session=; Max-Age=0; Path=/");
        Assertions.assertThat(Cookie.of("a", "b").maxAge(Duration.ofSeconds(-5)).toSetCookieHeader()).contains("Max-Age=0");
    }

    @Test
    void cookieNamesValuesAndAttributesCannotInjectHeaders() {
        assertThatThrownBy(() -> Cookie.of("a b", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cookie.of("a", "1;Path=/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cookie.of("a", "1\r\nX: y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cookie.of("a", "1").path("/x; HttpOnly")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cookie.of("a", "1").domain("x\r\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cookie.of("", "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyResponseCarriesADateHeader() {
        Assertions.assertThat(serve(Response.text("x")).header("Date")).hasValueSatisfying(d -> Assertions.assertThat(d).endsWith("GMT"));
    }
}
