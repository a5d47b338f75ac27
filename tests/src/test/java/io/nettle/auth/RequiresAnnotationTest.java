package io.nettle.auth;

import static io.nettle.auth.TestBackends.HEADERS;
import static io.nettle.auth.TestBackends.as;
import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.nettle.App;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.HttpEndpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.Body;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** {@code @Requires} on the methods of class-based endpoints. */
@OnEveryProtocol
class RequiresAnnotationTest {
    private final Wire wire;

    RequiresAnnotationTest(Wire wire) {
        this.wire = wire;
    }

    public static class Dashboard extends HttpEndpoint {
        @Requires("authenticated")
        public Response get(Request request) {
            return Response.text("dashboard of " + request.user().displayName());
        }

        @Requires(value = {"admin", "auditor"}, any = true)
        public CompletionStage<Response> post(Request request) {
            return CompletableFuture.completedFuture(Response.text("posted"));
        }

        @Requires(value = {"authenticated", "admin"}, status = 404)
        public Response delete(Request request) {
            return Response.text("deleted");
        }

        @Requires(value = "authenticated", redirect = "login")
        public Response put(Request request) {
            return Response.text("put");
        }

        public Response patch(Request request) {
            return Response.text("open");
        }
    }

    public static class BrokenRedirect extends HttpEndpoint {
        @Requires(value = "authenticated", redirect = "nowhere")
        public Response get(Request request) {
            return Response.text("never");
        }
    }

    static final App APP = App.builder()
        .route(Route.get("/login", Endpoint.sync(request -> Response.text("login"))).name("login"))
        .route(Route.endpoint("/dashboard", new Dashboard()))
        .middleware(new AuthenticationMiddleware(HEADERS))
        .build();

    @Test
    void aRequiresMethodAnswers403ToAnonymous() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/dashboard")).hasStatus(403);
            assertThat(client.get("/dashboard", as("tom", ""))).hasStatus(200).hasBody("dashboard of tom");
        }
    }

    @Test
    void anyOfTheScopesWithAny() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.request("POST", "/dashboard").headers(as("tom", "")).body(Body.text("x")).send()).hasStatus(403);
            assertThat(client.request("POST", "/dashboard").headers(as("al", "auditor")).body(Body.text("x")).send())
                .hasStatus(200).hasBody("posted");
        }
    }

    @Test
    void everyScopeAndACustomStatus() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.request("DELETE", "/dashboard").headers(as("tom", "")).send()).hasStatus(404);
            assertThat(client.request("DELETE", "/dashboard").headers(as("ann", "admin")).send()).hasStatus(200).hasBody("deleted");
        }
    }

    @Test
    void aRedirectAndAnUnguardedMethod() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.put("/dashboard?tab=1", Body.text("x")))
                .redirectsTo(303, "http://testserver/login?next=http%3A%2F%2Ftestserver%2Fdashboard%3Ftab%3D1");
            assertThat(client.patch("/dashboard", Body.text("x"))).hasStatus(200).hasBody("open");
        }
    }

    @Test
    void anAnnotationRedirectToAnUnknownRouteFailsTheBuild() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> App.builder().route(Route.endpoint("/broken", new BrokenRedirect())).build())
            .withMessageContaining("nowhere");
    }
}
