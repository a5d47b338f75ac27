package io.nettle.middleware;

import static io.nettle.auth.Guard.requires;
import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.App;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationError;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.http.HttpException;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Mount;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestRequest;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.Wire;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link CorsMiddleware}: preflights answered by the middleware (200, or 400 naming what is
 * disallowed), the other cross-origin requests marked whatever their response, with Starlette's
 * rules.
 */
@OnEveryProtocol
class CorsMiddlewareTest {
    private static final String APP = "https://app.example";
    private static final String EVIL = "https://evil.example";

    private final Wire wire;

    CorsMiddlewareTest(Wire wire) {
        this.wire = wire;
    }

    /** {@code X-User} names the user; {@code bad} is refused; none is anonymous. */
    private static final AuthenticationBackend USERS = AuthenticationBackend.sync(connection -> {
        Optional<String> name = connection.header("X-User");
        if (name.isPresent() && name.get().equals("bad")) {
            throw new AuthenticationError("Unknown user");
        }
        return name.map(n -> AuthResult.user(n, "authenticated"));
    });

    private static CorsMiddleware.Builder cors() {
        return CorsMiddleware.builder().allowOrigins(APP).allowMethods("GET", "POST").allowHeaders("X-API-Key");
    }

    /** Counts the requests that got past the CORS middleware. */
    private final AtomicInteger reached = new AtomicInteger();

    private final Middleware counting = (request, next) -> {
        reached.incrementAndGet();
        return next.handle(request);
    };

    private App app(CorsMiddleware cors) {
        return App.builder()
            .middleware(cors, counting, new AuthenticationMiddleware(USERS))
            .route(Route.get("/public", Endpoint.sync(request -> Response.text("public"))))
            .route(Route.of("/data", requires("authenticated", Endpoint.sync(request -> Response.text("data"))), "GET", "POST", "OPTIONS"))
            .route(Route.get("/login-required", requires("authenticated").status(401).wrap(Endpoint.sync(request -> Response.text("in")))))
            .route(Route.get("/vary", Endpoint.sync(request -> Response.text("v").withHeader("Vary", "Accept-Encoding"))))
            .route(Route.get("/vary-origin", Endpoint.sync(request -> Response.text("v").withHeader("Vary", "origin"))))
            .route(Route.get("/boom", Endpoint.sync(request -> {
                throw new IllegalStateException("boom");
            })))
            .route(Route.get("/teapot", Endpoint.sync(request -> {
                throw new HttpException(418, "short and stout");
            })))
            .route(Route.of("/options", Endpoint.sync(request -> Response.text("options route")), "OPTIONS"))
            .build();
    }

    private static TestRequest preflight(TestClient client, String path, String origin, String method) {
        return client.request("OPTIONS", path).header("Origin", origin).header("Access-Control-Request-Method", method);
    }

    private static TestResponse from(TestClient client, String origin, String path) {
        return client.request("GET", path).header("Origin", origin).send();
    }

    // ---- preflights

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredByTheMiddleware() {
        try (TestClient client = TestClient.of(app(cors().build()), wire)) {
            TestResponse answer = preflight(client, "/data", APP, "POST").header("Access-Control-Request-Headers", "X-API-Key, Content-Type").send();
            assertThat(answer).hasStatus(200).hasContentType("text/plain").hasBody("OK")
                .hasHeader("Access-Control-Allow-Origin", APP)
                .hasHeader("Access-Control-Allow-Methods", "GET, POST")
                .hasHeader("Access-Control-Allow-Headers", "Accept, Accept-Language, Content-Language, Content-Type, X-API-Key")
                .hasHeader("Access-Control-Max-Age", "600")
                .hasHeader("Vary", "Origin")
                .hasNoHeader("Access-Control-Allow-Credentials")
                .hasNoHeader("Access-Control-Expose-Headers");
            assertThat(reached).as("later middleware, authentication and routes never see a preflight").hasValue(0);
        }
    }

    @Test
    void aPreflightToAGuardedRouteNeedsNoCredentialsAndTheRequestThenMeetsTheGuardWithCorsHeaders() {
        try (TestClient client = TestClient.of(app(cors().build()), wire)) {
            assertThat(preflight(client, "/data", APP, "GET").send()).hasStatus(200).hasHeader("Access-Control-Allow-Origin", APP);
            assertThat(preflight(client, "/login-required", APP, "GET").header("Access-Control-Request-Headers", "x-api-key").send())
                .hasStatus(200);
            assertThat(reached).hasValue(0);

            assertThat(from(client, APP, "/data")).hasStatus(403).hasHeader("Access-Control-Allow-Origin", APP).hasHeader("Vary", "Origin");
            assertThat(from(client, APP, "/login-required")).hasStatus(401).hasHeader("Access-Control-Allow-Origin", APP);
            assertThat(client.request("GET", "/data").header("Origin", APP).header("X-User", "bad").send())
                .as("authentication's own error").hasStatus(400).hasBody("Unknown user").hasHeader("Access-Control-Allow-Origin", APP);
            assertThat(client.request("GET", "/data").header("Origin", APP).header("X-User", "tom").send())
                .hasStatus(200).hasBody("data").hasHeader("Access-Control-Allow-Origin", APP);
            assertThat(reached).hasValue(4);
        }
    }

    @Test
    void anOptionsRequestThatIsNoPreflightGoesOn() {
        try (TestClient client = TestClient.of(app(cors().build()), wire)) {
            assertThat(client.request("OPTIONS", "/options").header("Origin", APP).send())
                .hasStatus(200).hasBody("options route").hasHeader("Access-Control-Allow-Origin", APP);
            assertThat(client.request("OPTIONS", "/options").header("Access-Control-Request-Method", "GET").send())
                .as("without Origin").hasStatus(200).hasBody("options route").hasNoHeader("Access-Control-Allow-Origin");
            assertThat(reached).hasValue(2);
        }
    }

    @Test
    void aPreflightFromAnotherOriginIsA400() {
        try (TestClient client = TestClient.of(app(cors().build()), wire)) {
            assertThat(preflight(client, "/data", EVIL, "GET").send())
                .hasStatus(400).hasContentType("text/plain").hasBody("Disallowed CORS origin")
                .hasNoHeader("Access-Control-Allow-Origin").hasHeader("Vary", "Origin");
            assertThat(preflight(client, "/data", "https://app.example.evil.example", "GET").send()).hasStatus(400);
            assertThat(preflight(client, "/data", "http://app.example", "GET").send()).as("another scheme").hasStatus(400);
            assertThat(preflight(client, "/data", "null", "GET").send()).hasStatus(400);
            assertThat(reached).hasValue(0);
        }
    }

    @Test
    void aPreflightForAnotherMethodOrHeaderIsA400NamingIt() {
        try (TestClient client = TestClient.of(app(cors().build()), wire)) {
            assertThat(preflight(client, "/data", APP, "DELETE").send())
                .hasStatus(400).hasBody("Disallowed CORS method").hasHeader("Access-Control-Allow-Origin", APP);
            assertThat(preflight(client, "/data", APP, "GET").header("Access-Control-Request-Headers", "x-api-key, X-Other").send())
                .hasStatus(400).hasBody("Disallowed CORS headers");
            assertThat(preflight(client, "/data", EVIL, "PUT").header("Access-Control-Request-Headers", "X-Other").send())
                .hasStatus(400).hasBody("Disallowed CORS origin\nDisallowed CORS method\nDisallowed CORS headers");
            assertThat(reached).hasValue(0);
        }
    }

    @Test
    void headerNamesAndMethodsMatchWithoutRegardToCase() {
        try (TestClient client = TestClient.of(app(cors().build()), wire)) {
            assertThat(client.request("OPTIONS", "/data").header("origin", APP).header("access-control-request-method", "post")
                .header("access-control-request-headers", "X-API-KEY,content-type , ACCEPT").send())
                .hasStatus(200).hasHeader("Access-Control-Allow-Origin", APP);
            assertThat(preflight(client, "/data", "HTTPS://APP.EXAMPLE", "GET").send())
                .as("origins too").hasStatus(200).hasHeader("Access-Control-Allow-Origin", "HTTPS://APP.EXAMPLE");
        }
    }

    @Test
    void theSafelistedHeadersAreAlwaysAllowedAndGetIsTheDefaultMethod() {
        CorsMiddleware cors = CorsMiddleware.builder().allowOrigins(APP).build();
        try (TestClient client = TestClient.of(app(cors), wire)) {
            assertThat(preflight(client, "/data", APP, "GET")
                .header("Access-Control-Request-Headers", "Accept, Accept-Language, Content-Language, Content-Type").send())
                .hasStatus(200).hasHeader("Access-Control-Allow-Methods", "GET")
                .hasHeader("Access-Control-Allow-Headers", "Accept, Accept-Language, Content-Language, Content-Type");
            assertThat(preflight(client, "/data", APP, "POST").send()).hasStatus(400).hasBody("Disallowed CORS method");
        }
    }

    // ---- other cross-origin requests

    @Test
    void aRequestFromAnAllowedOriginGetsTheOriginBack() {
        try (TestClient client = TestClient.of(app(cors().build()), wire)) {
            assertThat(from(client, APP, "/public")).hasStatus(200).hasBody("public")
                .hasHeader("Access-Control-Allow-Origin", APP).hasHeader("Vary", "Origin")
                .hasNoHeader("Access-Control-Allow-Credentials").hasNoHeader("Access-Control-Expose-Headers")
                .hasNoHeader("Access-Control-Allow-Methods");
        }
    }

    @Test
    void aRequestFromAnotherOriginPassesWithoutCorsHeaders() {
        try (TestClient client = TestClient.of(app(cors().allowCredentials(true).exposeHeaders("X-Total").build()), wire)) {
            TestResponse response = from(client, EVIL, "/public");
            assertThat(response).hasStatus(200).hasBody("public").hasHeader("Vary", "Origin");
            assertThat(response.headers().names()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
            assertThat(reached).hasValue(1);
        }
    }

    @Test
    void aRequestWithoutOriginIsNotTouched() {
        try (TestClient client = TestClient.of(app(cors().allowCredentials(true).exposeHeaders("X-Total").build()), wire)) {
            TestResponse response = client.get("/public");
            assertThat(response).hasStatus(200).hasNoHeader("Vary");
            assertThat(response.headers().names()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
            assertThat(client.get("/vary")).hasHeader("Vary", "Accept-Encoding");
        }
    }

    @Test
    void errorResponsesCarryTheCorsHeadersToo() {
        try (TestClient client = TestClient.of(app(cors().build()), wire)) {
            assertThat(from(client, APP, "/nowhere")).hasStatus(404).hasHeader("Access-Control-Allow-Origin", APP);
            assertThat(client.request("DELETE", "/data").header("Origin", APP).send())
                .hasStatus(405).hasHeader("Access-Control-Allow-Origin", APP);
            assertThat(from(client, APP, "/teapot")).hasStatus(418).hasBody("short and stout").hasHeader("Access-Control-Allow-Origin", APP);
            assertThat(from(client, APP, "/boom")).as("an unhandled exception's 500")
                .hasStatus(500).hasBody("Internal Server Error").hasHeader("Access-Control-Allow-Origin", APP).hasHeader("Vary", "Origin");
            assertThat(from(client, EVIL, "/boom")).hasStatus(500).hasNoHeader("Access-Control-Allow-Origin");
            assertThat(client.get("/boom")).hasStatus(500).hasNoHeader("Access-Control-Allow-Origin").hasNoHeader("Vary");
        }
    }

    @Test
    void aFailureOfLaterMiddlewareGetsTheHeadersThroughTheAppsErrorHandling() {
        Middleware failing = (request, next) -> CompletableFuture.failedFuture(new IllegalArgumentException("no"));
        App app = App.builder()
            .middleware(cors().build(), failing)
            .exceptionHandler(IllegalArgumentException.class, (request, e) -> Response.text("handled: " + e.getMessage()).withStatus(422))
            .route(Route.get("/", Endpoint.sync(request -> Response.text("never"))))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(from(client, APP, "/")).hasStatus(422).hasBody("handled: no").hasHeader("Access-Control-Allow-Origin", APP);
            assertThat(client.get("/")).hasStatus(422).hasNoHeader("Access-Control-Allow-Origin");
        }
    }

    @Test
    void originJoinsAnExistingVary() {
        try (TestClient client = TestClient.of(app(cors().build()), wire)) {
            assertThat(from(client, APP, "/vary")).hasHeader("Vary", "Accept-Encoding, Origin");
            assertThat(from(client, EVIL, "/vary")).hasHeader("Vary", "Accept-Encoding, Origin");
            TestResponse already = from(client, APP, "/vary-origin");
            assertThat(already.headers().getAll("Vary")).containsExactly("origin");
        }
    }

    // ---- options

    @Test
    void originsMayBeGivenByAPatternMatchingTheWholeOrigin() {
        CorsMiddleware cors = CorsMiddleware.builder().allowOriginPattern("https://[a-z0-9-]+\\.app\\.example").build();
        try (TestClient client = TestClient.of(app(cors), wire)) {
            assertThat(preflight(client, "/data", "https://eu-1.app.example", "GET").send())
                .hasStatus(200).hasHeader("Access-Control-Allow-Origin", "https://eu-1.app.example").hasHeader("Vary", "Origin");
            assertThat(from(client, "https://eu-1.app.example", "/public")).hasHeader("Access-Control-Allow-Origin", "https://eu-1.app.example");
            assertThat(preflight(client, "/data", "https://eu-1.app.example.evil.example", "GET").send()).as("a full match")
                .hasStatus(400).hasBody("Disallowed CORS origin");
            assertThat(preflight(client, "/data", "http://eu-1.app.example", "GET").send()).hasStatus(400);
            assertThat(preflight(client, "/data", APP, "GET").send()).hasStatus(400);
            assertThat(from(client, "https://evil.example/https://x.app.example", "/public")).hasNoHeader("Access-Control-Allow-Origin");
        }
        CorsMiddleware both = CorsMiddleware.builder().allowOrigins(APP).allowOriginPattern("https://[a-z]+\\.app\\.example").build();
        try (TestClient client = TestClient.of(app(both), wire)) {
            assertThat(preflight(client, "/data", APP, "GET").send()).hasStatus(200);
            assertThat(preflight(client, "/data", "https://eu.app.example", "GET").send()).hasStatus(200);
        }
    }

    @Test
    void anyOriginIsAStar() {
        for (CorsMiddleware cors : new CorsMiddleware[] {
            CorsMiddleware.builder().allowAnyOrigin().build(), CorsMiddleware.builder().allowOrigins(APP, "*").build()}) {
            try (TestClient client = TestClient.of(app(cors), wire)) {
                assertThat(preflight(client, "/data", EVIL, "GET").send())
                    .hasStatus(200).hasHeader("Access-Control-Allow-Origin", "*").hasNoHeader("Vary");
                assertThat(from(client, EVIL, "/public")).hasHeader("Access-Control-Allow-Origin", "*").hasNoHeader("Vary");
                assertThat(from(client, APP, "/vary")).hasHeader("Vary", "Accept-Encoding");
                assertThat(client.get("/public")).hasNoHeader("Access-Control-Allow-Origin");
            }
        }
    }

    @Test
    void credentialsNameTheOriginAndAreRefusedWithAnyOrigin() {
        CorsMiddleware cors = cors().allowCredentials(true).build();
        try (TestClient client = TestClient.of(app(cors), wire)) {
            assertThat(preflight(client, "/data", APP, "GET").send()).hasStatus(200)
                .hasHeader("Access-Control-Allow-Origin", APP).hasHeader("Access-Control-Allow-Credentials", "true");
            assertThat(from(client, APP, "/public"))
                .hasHeader("Access-Control-Allow-Origin", APP).hasHeader("Access-Control-Allow-Credentials", "true");
        }
        assertThatThrownBy(() -> CorsMiddleware.builder().allowAnyOrigin().allowCredentials(true).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowCredentials(true)").hasMessageContaining("any origin");
        assertThatThrownBy(() -> CorsMiddleware.builder().allowCredentials(true).allowOrigins(APP, "*").build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowCredentials(true)");
    }

    @Test
    void aStarAllowsEveryMethodAndEchoesTheRequestedHeaders() {
        CorsMiddleware cors = CorsMiddleware.builder().allowOrigins(APP).allowMethods("*").allowHeaders("*").build();
        try (TestClient client = TestClient.of(app(cors), wire)) {
            assertThat(preflight(client, "/data", APP, "DELETE").header("Access-Control-Request-Headers", "X-Anything, x-more").send())
                .hasStatus(200)
                .hasHeader("Access-Control-Allow-Methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT")
                .hasHeader("Access-Control-Allow-Headers", "X-Anything, x-more");
            assertThat(preflight(client, "/data", APP, "PATCH").send()).hasStatus(200).hasNoHeader("Access-Control-Allow-Headers");
        }
    }

    @Test
    void exposedHeadersAndMaxAge() {
        CorsMiddleware cors = cors().exposeHeaders("X-Total-Count", "X-Page").maxAge(Duration.ofMinutes(1)).build();
        try (TestClient client = TestClient.of(app(cors), wire)) {
            assertThat(from(client, APP, "/public")).hasHeader("Access-Control-Expose-Headers", "X-Total-Count, X-Page");
            assertThat(preflight(client, "/data", APP, "GET").send()).hasHeader("Access-Control-Max-Age", "60")
                .hasNoHeader("Access-Control-Expose-Headers");
        }
    }

    // ---- build-time checks

    @Test
    void itMustComeBeforeAuthentication() {
        CorsMiddleware cors = cors().build();
        AuthenticationMiddleware authentication = new AuthenticationMiddleware(USERS);
        Route route = Route.get("/", Endpoint.sync(request -> Response.text("ok")));
        assertThatThrownBy(() -> App.builder().middleware(authentication, cors).route(route).build())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("CorsMiddleware must come before AuthenticationMiddleware");
        assertThatThrownBy(() -> App.builder().middleware(authentication).route(Mount.of("/api", route).middleware(cors)).build())
            .as("in a mount behind the app's authentication").isInstanceOf(IllegalStateException.class);
        App.builder().middleware(cors, authentication).route(route).build();
        App.builder().middleware(cors).route(Mount.of("/api", route).middleware(authentication)).build();
    }

    @Test
    void onAMountItOnlySeesTheMethodsOfTheMountsRoutesSoPreflightsBelongOnTheApp() {
        Route route = Route.get("/items", Endpoint.sync(request -> Response.text("items")));
        try (TestClient client = TestClient.of(App.builder().route(Mount.of("/api", route).middleware(cors().build())).build(), wire)) {
            assertThat(from(client, APP, "/api/items")).hasStatus(200).hasHeader("Access-Control-Allow-Origin", APP);
            assertThat(preflight(client, "/api/items", APP, "GET").send()).as("no OPTIONS route: the mount's middleware does not run")
                .hasStatus(405).hasNoHeader("Access-Control-Allow-Origin");
        }
        try (TestClient client = TestClient.of(App.builder().middleware(cors().build()).route(Mount.of("/api", route)).build(), wire)) {
            assertThat(preflight(client, "/api/items", APP, "GET").send()).hasStatus(200).hasHeader("Access-Control-Allow-Origin", APP);
        }
    }

    @Test
    void theBuilderRefusesMistakes() {
        assertThatThrownBy(() -> CorsMiddleware.builder().build()).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("allows no origin");
        assertThatThrownBy(() -> CorsMiddleware.builder().allowOrigins("https://app.example/"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trailing slash");
        assertThatThrownBy(() -> CorsMiddleware.builder().allowOrigins("app.example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CorsMiddleware.builder().allowOriginPattern("https://(")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CorsMiddleware.builder().allowOriginPattern("a").allowOriginPattern("b"))
            .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CorsMiddleware.builder().allowMethods("GET POST")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CorsMiddleware.builder().allowHeaders("X-A: b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CorsMiddleware.builder().maxAge(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
