package io.nettle.auth;

import static io.nettle.auth.BasicAuthGuideTest.GUIDE_BACKEND;
import static io.nettle.auth.BasicAuthGuideTest.basic;
import static io.nettle.auth.Guard.requires;
import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The "Permissions" section of Starlette's authentication guide, translated. The guide's
 * backend grants only {@code authenticated}; {@code ann} gets {@code admin} too here, so that
 * the two-scope examples can pass as well as fail.
 */
@OnEveryProtocol
class PermissionsGuideTest {
    private final Wire wire;

    PermissionsGuideTest(Wire wire) {
        this.wire = wire;
    }

    static final AuthenticationBackend BACKEND = AuthenticationBackend.sync(connection ->
        GUIDE_BACKEND.authenticate(connection).toCompletableFuture().join().map(found ->
            found.user().displayName().equals("ann") ? AuthResult.of(found.user(), "authenticated", "admin") : found));

    static Response dashboard(Request request) {
        return Response.text("dashboard");
    }

    static Response homepage(Request request) {
        return Response.text("homepage");
    }

    // async def login(request):
    //     if request.method == "POST":
    //         if request.user.is_authenticated:
    //             next_url = request.query_params.get("next")
    //             if next_url:
    //                 return RedirectResponse(next_url)
    //             return RedirectResponse("/")
    static Response login(Request request) {
        if (request.method().equals("POST") && request.user().isAuthenticated()) {
            return Response.redirect(SafeRedirects.next(request, "/"), 303);
        }
        return Response.text("please log in");
    }

    // class Dashboard(HTTPEndpoint):
    //     @requires("authenticated")
    //     async def get(self, request): ...
    public static class Dashboard extends HttpEndpoint {
        @Requires("authenticated")
        public Response get(Request request) {
            return Response.text("class-based dashboard");
        }
    }

    static final App APP = App.builder()
        .route(Route.get("/", Endpoint.sync(PermissionsGuideTest::homepage)).name("homepage"))
        .route(Route.of("/login", Endpoint.sync(PermissionsGuideTest::login), "GET", "POST").name("login"))
        // @requires('authenticated')
        .route(Route.get("/dashboard", requires("authenticated", Endpoint.sync(PermissionsGuideTest::dashboard))))
        // @requires(['authenticated', 'admin'])
        .route(Route.get("/admin-dashboard", requires(List.of("authenticated", "admin"), Endpoint.sync(PermissionsGuideTest::dashboard))))
        // @requires(['authenticated', 'admin'], status_code=404)
        .route(Route.get("/hidden-dashboard", requires("authenticated", "admin").status(404).wrap(Endpoint.sync(PermissionsGuideTest::dashboard))))
        // @requires('authenticated', redirect='homepage')
        .route(Route.get("/redirecting-dashboard", requires("authenticated").redirect("homepage").wrap(Endpoint.sync(PermissionsGuideTest::dashboard))))
        // @requires('authenticated', redirect='login')
        .route(Route.get("/admin", requires("authenticated").redirect("login").wrap(Endpoint.sync(PermissionsGuideTest::dashboard))))
        .route(Route.endpoint("/class-dashboard", new Dashboard()))
        .middleware(new AuthenticationMiddleware(BACKEND))
        .build();

    static final Map<String, String> TOM = Map.of("Authorization", basic("tom:secret"));
    static final Map<String, String> ANN = Map.of("Authorization", basic("ann:secret"));

    @Test
    void requiresAuthenticated() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/dashboard")).hasStatus(403);
            assertThat(client.get("/dashboard", TOM)).hasStatus(200).hasBody("dashboard");
        }
    }

    @Test
    void requiresAuthenticatedAndAdmin() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/admin-dashboard")).hasStatus(403);
            assertThat(client.get("/admin-dashboard", TOM)).hasStatus(403);
            assertThat(client.get("/admin-dashboard", ANN)).hasStatus(200).hasBody("dashboard");
        }
    }

    @Test
    void statusCode404HidesTheUrlLayout() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/hidden-dashboard")).hasStatus(404);
            assertThat(client.get("/hidden-dashboard", TOM)).hasStatus(404);
            assertThat(client.get("/hidden-dashboard", ANN)).hasStatus(200);
        }
    }

    @Test
    void redirectToHomepageWithTheOriginalUrlAsNext() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/redirecting-dashboard"))
                .redirectsTo(303, "http://testserver/?next=http%3A%2F%2Ftestserver%2Fredirecting-dashboard");
            assertThat(client.get("/redirecting-dashboard", TOM)).hasStatus(200);
        }
    }

    @Test
    void theLoginPageSendsTheUserBackToWhereTheyWere() {
        try (TestClient client = TestClient.of(APP, wire)) {
            String location = client.get("/admin?page=2").header("Location").orElseThrow();
            assertThat(location).isEqualTo("http://testserver/login?next=http%3A%2F%2Ftestserver%2Fadmin%3Fpage%3D2");
            String loginPath = location.substring("http://testserver".length());
            assertThat(client.request("POST", loginPath).headers(TOM).body(Body.text("")).send()).redirectsTo(303, "/admin?page=2");
            assertThat(client.request("POST", "/login").headers(TOM).body(Body.text("")).send()).redirectsTo(303, "/");
            assertThat(client.request("POST", loginPath).body(Body.text("")).send()).hasStatus(200).hasBody("please log in");
        }
    }

    @Test
    void classBasedEndpointsWrapTheMethod() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/class-dashboard")).hasStatus(403);
            assertThat(client.get("/class-dashboard", TOM)).hasStatus(200).hasBody("class-based dashboard");
        }
    }
}
