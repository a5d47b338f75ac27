package io.nettle.middleware;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.App;
import io.nettle.http.HttpException;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Mount;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

@OnEveryProtocol
class MiddlewareTest {
    private final Wire wire;

    MiddlewareTest(Wire wire) {
        this.wire = wire;
    }

    /** Added to on the server's event loop on a socket wire, read on the test's thread. */
    private final List<String> events = new CopyOnWriteArrayList<>();

    /** Records entering and leaving, with {@code name}. */
    private Middleware recording(String name) {
        return (request, next) -> {
            events.add(name + " in");
            return next.handle(request).thenApply(response -> {
                events.add(name + " out");
                return response;
            });
        };
    }

    private Endpoint endpoint(String body) {
        return Endpoint.sync(request -> {
            events.add("endpoint");
            return Response.text(body);
        });
    }

    @Test
    void middlewareRunsInTheOrderGivenOutermostFirst() {
        App app = App.builder()
            .middleware(recording("a"), recording("b"))
            .middleware(recording("c"))
            .route(Route.get("/", endpoint("ok")))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/")).hasStatus(200).hasBody("ok");
        }
        Assertions.assertThat(events).containsExactly("a in", "b in", "c in", "endpoint", "c out", "b out", "a out");
    }

    @Test
    void middlewareCanShortCircuit() {
        Middleware gate = (request, next) -> request.header("X-Key").isPresent()
            ? next.handle(request)
            : CompletableFuture.completedFuture(Response.text("no key").withStatus(401));
        App app = App.builder().middleware(recording("outer"), gate).route(Route.get("/", endpoint("ok"))).build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/")).hasStatus(401).hasBody("no key");
            Assertions.assertThat(events).containsExactly("outer in", "outer out");
            assertThat(client.request("GET", "/").header("X-Key", "k").send()).hasStatus(200).hasBody("ok");
        }
    }

    @Test
    void middlewareCanChangeTheResponse() {
        Middleware tag = (request, next) -> next.handle(request).thenApply(r -> r.withHeader("X-Tag", "tagged").withStatus(203));
        App app = App.builder().middleware(tag).route(Route.get("/", endpoint("ok"))).build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/")).hasStatus(203).hasHeader("X-Tag", "tagged").hasBody("ok");
        }
    }

    @Test
    void middlewareSeesRoutingErrorsAsResponses() {
        Middleware tag = (request, next) -> next.handle(request).thenApply(r -> r.withHeader("X-Status", String.valueOf(r.status())));
        App app = App.builder().middleware(tag).route(Route.get("/", endpoint("ok"))).build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/missing")).hasStatus(404).hasHeader("X-Status", "404");
            assertThat(client.delete("/")).hasStatus(405).hasHeader("X-Status", "405").hasHeader("Allow", "GET, HEAD");
        }
    }

    @Test
    void aMiddlewareThrowingAnUnknownExceptionIs500() {
        Middleware broken = (request, next) -> {
            throw new IllegalStateException("secret");
        };
        App app = App.builder().middleware(broken).route(Route.get("/", endpoint("ok"))).build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/")).hasStatus(500).hasBody("Internal Server Error");
        }
        Assertions.assertThat(events).isEmpty();
    }

    @Test
    void aMiddlewareThrowingOrFailingWithHttpExceptionGivesItsStatus() {
        Middleware thrower = (request, next) -> {
            if (request.path().equals("/throw")) {
                throw new HttpException(403, "Forbidden here");
            }
            if (request.path().equals("/fail")) {
                return CompletableFuture.failedFuture(new HttpException(429));
            }
            return next.handle(request);
        };
        App app = App.builder().middleware(thrower).route(Route.get("/{x}", endpoint("ok"))).build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/throw")).hasStatus(403).hasBody("Forbidden here");
            assertThat(client.get("/fail")).hasStatus(429).hasBody("Too Many Requests");
            assertThat(client.get("/fine")).hasStatus(200);
        }
    }

    @Test
    void anEndpointFailureReachesOuterMiddlewareAsAnErrorResponse() {
        Middleware tag = (request, next) -> next.handle(request).thenApply(r -> r.withHeader("X-Seen", "yes"));
        App app = App.builder()
            .middleware(tag)
            .route(Route.get("/http", Endpoint.sync(r -> {
                throw new HttpException(400, "bad");
            })))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/http")).hasStatus(400).hasBody("bad").hasHeader("X-Seen", "yes");
        }
    }

    @Test
    void mountMiddlewareRunsOnlyForTheMountsRoutesAfterTheAppsMiddleware() {
        App app = App.builder()
            .middleware(recording("app"))
            .route(Route.get("/public", endpoint("public")))
            .route(Mount.of("/api", Route.get("/users", endpoint("users"))).middleware(recording("api1"), recording("api2")))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/public")).hasBody("public");
            Assertions.assertThat(events).containsExactly("app in", "endpoint", "app out");
            events.clear();
            assertThat(client.get("/api/users")).hasBody("users");
            Assertions.assertThat(events).containsExactly("app in", "api1 in", "api2 in", "endpoint", "api2 out", "api1 out", "app out");
            events.clear();
            assertThat(client.get("/api/missing")).hasStatus(404);
            Assertions.assertThat(events).containsExactly("app in", "app out");
        }
    }

    @Test
    void nestedMountMiddlewareWrapsInsideTheOuterMountsMiddleware() {
        App app = App.builder()
            .route(Mount.of("/a", Mount.of("/b", Route.get("/c", endpoint("c"))).middleware(recording("inner")))
                .middleware(recording("outer")))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/a/b/c")).hasBody("c");
        }
        Assertions.assertThat(events).containsExactly("outer in", "inner in", "endpoint", "inner out", "outer out");
    }
}
