package io.nettle.routing;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.App;
import io.nettle.http.Response;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile paths and query strings: decoded exactly once, never resolved, and refused with a
 * 400 (malformed) or 404 (no route) rather than a 500. Complements RoutingTest and RequestTest.
 */
@OnEveryProtocol
class PathHardeningTest {
    private final Wire wire;

    PathHardeningTest(Wire wire) {
        this.wire = wire;
    }

    private static final App APP = App.builder()
        .route(Route.get("/u/{name}", Endpoint.sync(r -> Response.text("name=" + r.pathParams().getString("name")))))
        .route(Route.get("/f/{rest:path}", Endpoint.sync(r -> Response.text("rest=" + r.pathParams().getString("rest")))))
        .route(Route.get("/items/{id:int}", Endpoint.sync(r -> Response.text("id=" + r.pathParams().getLong("id")))))
        .route(Route.get("/q", Endpoint.sync(r -> Response.text("a=" + r.queryParams().get("a").orElse("-")))))
        .build();

    @Test
    void percentDecodingHappensExactlyOnce() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/u/%252F")).hasStatus(200).hasBody("name=%2F");
            assertThat(client.get("/u/%25252e")).hasStatus(200).hasBody("name=%252e");
            assertThat(client.get("/f/a/%252e%252e/b")).hasStatus(200).hasBody("rest=a/%2e%2e/b");
            assertThat(client.get("/q?a=%252F")).hasStatus(200).hasBody("a=%2F");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/u/.., 400",
        "/u/., 400",
        "/f/a/../b, 400",
        "/f/a/./b, 400",
        "/f/%2e%2e/etc, 400",
        "/f/%2E%2e/etc, 400",
        "/f/.%2e/etc, 400",
        "/u/%c0%af, 400",
        "/u/%c0%ae%c0%ae, 400",
        "/u/%e0%80%af, 400",
        "/u/%ed%a0%80, 400",
        "/u/%ff, 400",
        "/u/%e2%82, 400",
        "/u/%zz, 400",
        "/u/%, 400",
        "/u/%4, 400",
        "/u/%%32%46, 400",
        "/q?a=%zz, 400",
        "/q?a=%c0%af, 400",
        "/q?%=1, 400",
        "/items/12345678901234567890, 404",
        "/items/99999999999999999999999999999999999999, 404",
        "/items/9223372036854775808, 404",
        "/items/-9223372036854775808, 404",
        "/items/0x10, 404",
        "/nowhere/%2e%2e%2f, 404",
    })
    void hostileInputIsRefusedCleanly(String target, int status) {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get(target)).hasStatus(status);
        }
    }

    @Test
    void anEncodedSlashOrDotsInsideOneSegmentAreDataNotPathStructure() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/u/%2e%2e%2fetc")).as("one segment whose decoded value is ../etc")
                .hasStatus(200).hasBody("name=../etc");
            assertThat(client.get("/u/a%2Fb")).hasStatus(200).hasBody("name=a/b");
            assertThat(client.get("/items/999999999999999999")).hasStatus(200).hasBody("id=999999999999999999");
        }
    }
}
