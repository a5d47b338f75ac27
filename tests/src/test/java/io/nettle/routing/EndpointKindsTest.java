package io.nettle.routing;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.App;
import io.nettle.http.HttpException;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.testkit.Body;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

@OnEveryProtocol
class EndpointKindsTest {
    private final Wire wire;

    EndpointKindsTest(Wire wire) {
        this.wire = wire;
    }

    /** A class-based endpoint with a synchronous get and an asynchronous post. */
    public static final class Items extends HttpEndpoint {
        public Response get(Request request) {
            return Response.text("list");
        }

        public CompletionStage<Response> post(Request request) {
            return request.text().thenApply(body -> Response.text("created " + body).withStatus(201));
        }

        public CompletableFuture<Response> delete(Request request) {
            return CompletableFuture.failedFuture(new HttpException(403, "no deleting"));
        }

        /** Not an HTTP method name: ignored. */
        public Response list(Request request) {
            return Response.text("never routed");
        }
    }

    /** A {@code get} with the wrong signature. */
    public static final class WrongSignature extends HttpEndpoint {
        public Response get(Request request, String extra) {
            return Response.text(extra);
        }
    }

    /** A {@code get} returning something that is not a response. */
    public static final class WrongReturn extends HttpEndpoint {
        public String get(Request request) {
            return "x";
        }
    }

    /** No HTTP-method method at all. */
    public static final class Empty extends HttpEndpoint {
    }

    @Test
    void aSyncEndpointAnswersAtOnce() {
        App app = App.builder().route(Route.get("/", Endpoint.sync(r -> Response.text("sync")))).build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/")).hasStatus(200).hasBody("sync");
        }
    }

    @Test
    void anAsyncEndpointMayCompleteOnAnotherThread() {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            App app = App.builder()
                .route(Route.get("/", r -> CompletableFuture.supplyAsync(() -> Response.text("async " + r.queryParam("n").orElse("")), other)))
                .build();
            try (TestClient client = TestClient.of(app, wire)) {
                assertThat(client.get("/?n=1")).hasStatus(200).hasBody("async 1");
                assertThat(client.get("/?n=2")).hasStatus(200).hasBody("async 2");
            }
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aBlockingEndpointRunsOnAWorkerThreadNotTheCallersThread() {
        String testThread = Thread.currentThread().getName();
        App app = App.builder()
            .route(Route.get("/", Endpoint.blocking(r -> Response.text(Thread.currentThread().getName()))))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            String thread = client.get("/").text();
            org.assertj.core.api.Assertions.assertThat(thread).startsWith("nettle-worker-").isNotEqualTo(testThread);
        }
    }

    @Test
    void aBlockingEndpointCanReadTheBodyAndItsFailuresAreMapped() {
        App app = App.builder()
            .route(Route.post("/echo", Endpoint.blocking(r -> Response.text(r.text().toCompletableFuture().join().toUpperCase()))))
            .route(Route.get("/http", Endpoint.blocking(r -> {
                throw new HttpException(404, "nothing");
            })))
            .route(Route.get("/boom", Endpoint.blocking(r -> {
                throw new IllegalStateException("secret");
            })))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.post("/echo", Body.text("abc"))).hasStatus(200).hasBody("ABC");
            assertThat(client.get("/http")).hasStatus(404).hasBody("nothing");
            assertThat(client.get("/boom")).hasStatus(500).hasBody("Internal Server Error");
        }
    }

    @Test
    void classBasedEndpointMethodsBecomeTheRoutesMethods() {
        App app = App.builder().route(Route.endpoint("/items", new Items())).build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/items")).hasStatus(200).hasBody("list");
            assertThat(client.head("/items")).hasStatus(200).hasEmptyBody();
            assertThat(client.post("/items", Body.text("pen"))).hasStatus(201).hasBody("created pen");
            assertThat(client.delete("/items")).hasStatus(403).hasBody("no deleting");
            assertThat(client.put("/items", Body.text(""))).hasStatus(405);
            org.assertj.core.api.Assertions.assertThat(client.put("/items", Body.text("")).header("Allow").orElseThrow().split(", "))
                .containsExactlyInAnyOrder("GET", "HEAD", "POST", "DELETE");
        }
    }

    @Test
    void aClassBasedGetAnswersHeadWithTheContentLengthOfItsBody() {
        App app = App.builder().route(Route.endpoint("/items", new Items())).build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.head("/items")).hasStatus(200).hasEmptyBody().hasHeader("Content-Length", "4");
        }
    }

    @Test
    void aClassBasedEndpointWithAWrongSignatureFailsWhenTheRouteIsMade() {
        assertThatThrownBy(() -> Route.endpoint("/x", new WrongSignature()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("WrongSignature.get must take (Request) and return Response or CompletionStage<Response>");
        assertThatThrownBy(() -> Route.endpoint("/x", new WrongReturn()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WrongReturn.get");
        assertThatThrownBy(() -> Route.endpoint("/x", new Empty()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no public get/post");
    }
}
