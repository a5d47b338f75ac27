package io.nettle.auth;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** {@link SafeRedirects#next}: same-origin targets are followed, everything else falls back. */
@OnEveryProtocol
class SafeRedirectsTest {
    static final App APP = App.builder()
        .route(Route.get("/login", Endpoint.sync(request -> Response.text(SafeRedirects.next(request, "/fallback")))))
        .build();

    /** One client (one server on a socket wire) for all the tests of a wire. */
    static TestClient client;

    SafeRedirectsTest(Wire wire) {
        // the client of this wire is open already: see open(Wire)
    }

    @BeforeParameterizedClassInvocation
    static void open(Wire wire) {
        client = TestClient.of(APP, wire);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        client.close();
    }

    static String target(String next) {
        return client.request("GET", "/login").query("next", next).send().text();
    }

    @Test
    void aRelativePathIsKeptWithItsQuery() {
        assertThat(target("/account?tab=2")).isEqualTo("/account?tab=2");
    }

    @Test
    void anAbsoluteUrlOfTheSameOriginIsReducedToPathAndQuery() {
        assertThat(target("http://testserver/x?y=1")).isEqualTo("/x?y=1");
        assertThat(target("http://TESTSERVER:80/x")).isEqualTo("/x");
    }

    @Test
    void whatTheRedirectGuardProducesIsFollowed() {
        assertThat(target("http://testserver/admin?x=1")).isEqualTo("/admin?x=1");
    }

    @Test
    void anythingElseFallsBack() {
        List<String> rejected = List.of("https://evil.com", "//evil.com", "/\\evil.com", "\\\\evil.com", "////evil.com",
            "javascript:alert(1)", "http://testserver:8080/x", "https://testserver/x", "http://evil.com/x",
            "http://user@testserver/x", "/x\r\nSet-Cookie: a=b", "/x\ty", "/x\u0000", "/ x", "relative", "");
        assertThat(rejected).allSatisfy(next -> assertThat(target(next)).as(next).isEqualTo("/fallback"));
    }

    @Test
    void noNextFallsBack() {
        assertThat(client.get("/login")).hasBody("/fallback");
    }
}
