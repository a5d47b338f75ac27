package io.nettle.internal.http1;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.App;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.Body;
import io.nettle.testkit.OnEveryWire;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

@OnEveryWire
class KeepAliveTest {
    private final Wire wire;

    KeepAliveTest(Wire wire) {
        this.wire = wire;
    }

    private static final App APP = App.builder()
        .route(Route.get("/a", Endpoint.sync(r -> Response.text("first"))))
        .route(Route.get("/slow", r -> CompletableFuture.supplyAsync(() -> Response.text("slow"),
            CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS))))
        .route(Route.get("/b", Endpoint.sync(r -> Response.text("second"))))
        .route(Route.post("/echo", r -> r.text().thenApply(Response::text)))
        .build();

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        try (TestClient client = TestClient.of(APP, wire)) {
            String raw = client.sendRaw("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /a HTTP/1.1\r\nHost: x\r\n\r\n");
            Assertions.assertThat(raw.split("HTTP/1.1 200 OK", -1)).hasSize(5);
            Assertions.assertThat(raw.indexOf("slow")).isLessThan(raw.indexOf("second"));
            Assertions.assertThat(raw.indexOf("second")).isLessThan(raw.indexOf("hello"));
            Assertions.assertThat(raw.indexOf("hello")).isLessThan(raw.indexOf("first"));
            Assertions.assertThat(raw).doesNotContainIgnoringCase("connection: close");
        }
    }

    @Test
    void connectionCloseFromTheClientIsAnsweredAndHonoured() {
        try (TestClient client = TestClient.of(APP, wire)) {
            String raw = client.sendRaw("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n");
            Assertions.assertThat(raw).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close")
                .endsWith("first").doesNotContain("second");
            assertThat(client.request("GET", "/a").header("Connection", "close").send()).hasStatus(200).hasHeader("Connection", "close");
            Assertions.assertThat(client.connectionOpen()).isFalse();
            assertThat(client.get("/b")).as("the next request opens a new connection").hasStatus(200).hasBody("second");
            Assertions.assertThat(client.connectionOpen()).isTrue();
        }
    }

    @Test
    void anHttp10RequestWithoutKeepAliveIsAnsweredThenClosed() {
        try (TestClient client = TestClient.of(APP, wire)) {
            String raw = client.sendRaw("GET /a HTTP/1.0\r\n\r\nGET /b HTTP/1.0\r\n\r\n");
            Assertions.assertThat(raw).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close")
                .endsWith("first").doesNotContain("second");
        }
    }

    @Test
    void anHttp10RequestWithKeepAliveKeepsTheConnection() {
        try (TestClient client = TestClient.of(APP, wire)) {
            String raw = client.sendRaw("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            Assertions.assertThat(raw).containsIgnoringCase("connection: keep-alive").contains("first").endsWith("second");
        }
    }

    @Test
    void theConnectionStaysOpenAcrossNormalRequests() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/a")).hasStatus(200).hasNoHeader("Connection");
            Assertions.assertThat(client.connectionOpen()).isTrue();
            assertThat(client.get("/missing")).hasStatus(404);
            Assertions.assertThat(client.connectionOpen()).isTrue();
            assertThat(client.post("/echo", Body.text("x"))).hasBody("x");
            assertThat(client.get("/slow")).hasBody("slow");
            Assertions.assertThat(client.connectionOpen()).isTrue();
        }
    }

    @Test
    void aResponseAskingToCloseClosesTheConnection() {
        App app = App.builder().route(Route.get("/", Endpoint.sync(r -> Response.text("bye").withHeader("Connection", "close")))).build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/")).hasStatus(200).hasHeader("Connection", "close");
            Assertions.assertThat(client.connectionOpen()).isFalse();
        }
    }

    @Test
    void anUnreadBodyIsDiscardedSoTheNextRequestIsServed() {
        try (TestClient client = TestClient.of(APP, wire)) {
            String raw = client.sendRaw("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\nHost: x\r\n\r\n");
            Assertions.assertThat(raw).startsWith("HTTP/1.1 405").endsWith("second");
        }
    }
}
