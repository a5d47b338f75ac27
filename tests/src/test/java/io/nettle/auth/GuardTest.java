package io.nettle.auth;

import static io.nettle.auth.Guard.identityMatches;
import static io.nettle.auth.Guard.requires;
import static io.nettle.auth.Guard.requiresAny;
import static io.nettle.auth.Guard.requiresThat;
import static io.nettle.auth.Guard.requiresUser;
import static io.nettle.auth.TestBackends.HEADERS;
import static io.nettle.auth.TestBackends.as;
import static io.nettle.auth.TestBackends.staff;
import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.nettle.App;
import io.nettle.auth.TestBackends.StaffUser;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Mount;
import io.nettle.routing.Route;
import io.nettle.testkit.Body;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every form of guard, on sync, async and blocking endpoints. */
@OnEveryProtocol
class GuardTest {
    private final Wire wire;

    GuardTest(Wire wire) {
        this.wire = wire;
    }

    static final AtomicInteger BLOCKING_CALLS = new AtomicInteger();
    static final Endpoint OK = Endpoint.sync(request -> Response.text("ok " + request.user().displayName()));

    static final App APP = App.builder()
        .route(Route.get("/login", Endpoint.sync(request -> Response.text("login"))).name("login"))
        .route(Route.get("/dashboard", requires("authenticated", OK)))
        .route(Route.get("/admin", requires("authenticated").redirect("login").wrap(OK)))
        .route(Route.get("/hidden", requires("authenticated", "admin").status(404).wrap(OK)))
        .route(Route.get("/premium", requires("premium").status(402).wrap(OK)))
        .route(Route.get("/reports", requiresAny("admin", "auditor").wrap(OK)))
        .route(Route.get("/tuesday", requiresThat(c -> c.user().displayName().startsWith("t")).wrap(OK)))
        .route(Route.get("/users/{username}", identityMatches("username").wrap(OK)))
        .route(Route.get("/editors", requiresUser(StaffUser.class, u -> u.roles().contains("editor")).wrap(OK)))
        .route(Route.get("/async", requires("authenticated", (Request request) -> CompletableFuture.supplyAsync(
            () -> Response.text("async " + request.user().displayName()),
            CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS)))))
        .route(Route.get("/blocking", requires("authenticated", Endpoint.blocking(request -> {
            BLOCKING_CALLS.incrementAndGet();
            return Response.text("blocking on " + Thread.currentThread().getName().substring(0, "nettle-worker".length()));
        }))))
        .middleware(new AuthenticationMiddleware(HEADERS))
        .build();

    @Test
    void requiresAnswers403ByDefault() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/dashboard")).hasStatus(403).hasBody("Forbidden");
            assertThat(client.get("/dashboard", as("tom", ""))).hasStatus(200).hasBody("ok tom");
        }
    }

    @Test
    void everyScopeIsRequiredAndACustomStatusHidesTheRoute() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/hidden")).hasStatus(404).hasBody("Not Found");
            assertThat(client.get("/hidden", as("tom", ""))).hasStatus(404);
            assertThat(client.get("/hidden", as("ann", "admin"))).hasStatus(200).hasBody("ok ann");
            assertThat(client.get("/premium", as("tom", ""))).hasStatus(402);
            assertThat(client.get("/premium", as("rich", "premium"))).hasStatus(200);
        }
    }

    @Test
    void aRedirectGuardSendsTheVisitorToTheNamedRouteWithTheFullOriginalUrlAsNext() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/admin?x=1"))
                .redirectsTo(303, "http://testserver/login?next=http%3A%2F%2Ftestserver%2Fadmin%3Fx%3D1");
            assertThat(client.get("/admin")).redirectsTo(303, "http://testserver/login?next=http%3A%2F%2Ftestserver%2Fadmin");
            assertThat(client.get("/admin?q=a%20b&r=%C3%A9"))
                .redirectsTo(303, "http://testserver/login?next=http%3A%2F%2Ftestserver%2Fadmin%3Fq%3Da%2520b%26r%3D%25C3%25A9");
            assertThat(client.get("/admin", as("tom", ""))).hasStatus(200).hasBody("ok tom");
        }
    }

    /** A record the endpoint below binds the JSON body to. */
    public record Note(String text) {
    }

    @Test
    void anEndpointLambdaWithoutParameterTypesIsGuarded() {
        App app = App.builder()
            .route(Route.post("/notes", requires("write", request -> request.json(Note.class)
                .thenApply(note -> Response.text("noted " + note.text() + " for " + request.user().displayName())))))
            .middleware(new AuthenticationMiddleware(HEADERS))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            Body note = Body.json(java.util.Map.of("text", "hi"));
            assertThat(client.request("POST", "/notes").headers(as("tom", "")).body(note).send()).hasStatus(403);
            assertThat(client.request("POST", "/notes").headers(as("tom", "write")).body(note).send())
                .hasStatus(200).hasBody("noted hi for tom");
        }
    }

    @Test
    void aRedirectToAPathFailsTheBuildSayingThatRedirectTakesARouteName() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> App.builder()
                .route(Route.get("/admin", requires("authenticated").redirect("/login").wrap(OK)))
                .build())
            .withMessageContaining("redirect(\"/login\") names no route (no route has a name yet)")
            .withMessageContaining("takes the name of a route, not a path")
            .withMessageContaining(".name(\"login\")")
            .withMessageContaining("requires(...).redirect(\"login\")");
    }

    @Test
    void aRedirectToARouteTheAppDoesNotHaveFailsTheBuild() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> App.builder()
                .route(Route.get("/admin", requires("authenticated").redirect("nowhere").wrap(OK)))
                .build())
            .withMessageContaining("nowhere");
    }

    @Test
    void aRedirectMayNameARouteInsideANamedMount() {
        App app = App.builder()
            .route(Mount.of("/auth", Route.get("/login", Endpoint.sync(request -> Response.text("login"))).name("login")).name("auth"))
            .route(Route.get("/admin", requires("authenticated").redirect("auth:login").wrap(OK)))
            .middleware(new AuthenticationMiddleware(HEADERS))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/admin?x=1"))
                .redirectsTo(303, "http://testserver/auth/login?next=http%3A%2F%2Ftestserver%2Fadmin%3Fx%3D1");
        }
    }

    @Test
    void requiresAnyIsSatisfiedByOneOfTheScopes() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/reports", as("tom", ""))).hasStatus(403);
            assertThat(client.get("/reports", as("ann", "admin"))).hasStatus(200);
            assertThat(client.get("/reports", as("al", "auditor"))).hasStatus(200);
        }
    }

    @Test
    void requiresThatTestsTheConnection() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/tuesday", as("tom", ""))).hasStatus(200);
            assertThat(client.get("/tuesday", as("ann", ""))).hasStatus(403);
            assertThat(client.get("/tuesday")).hasStatus(403);
        }
    }

    @Test
    void identityMatchesLetsAUserReachOnlyTheirOwnPage() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/users/tom", as("tom", ""))).hasStatus(200).hasBody("ok tom");
            assertThat(client.get("/users/ann", as("tom", ""))).hasStatus(403);
            assertThat(client.get("/users/tom")).hasStatus(403);
        }
    }

    @Test
    void requiresUserTestsARoleOfTheApplicationsUserClass() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/editors", staff("ann", "editor"))).hasStatus(200).hasBody("ok ann");
            assertThat(client.get("/editors", staff("bob", "viewer"))).hasStatus(403);
            assertThat(client.get("/editors", as("tom", "editor"))).hasStatus(403);
            assertThat(client.get("/editors")).hasStatus(403);
        }
    }

    @Test
    void asyncEndpointsAreGuarded() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/async")).hasStatus(403);
            assertThat(client.get("/async", as("tom", ""))).hasStatus(200).hasBody("async tom");
        }
    }

    @Test
    void blockingEndpointsAreGuardedBeforeTheyTakeAWorker() {
        try (TestClient client = TestClient.of(APP, wire)) {
            int before = BLOCKING_CALLS.get();
            assertThat(client.get("/blocking")).hasStatus(403);
            assertThat(BLOCKING_CALLS).hasValue(before);
            assertThat(client.get("/blocking", as("tom", ""))).hasStatus(200).hasBody("blocking on nettle-worker");
        }
    }

    @Test
    void guardsAreImmutableAndTellWhetherTheyAllow() {
        Guard base = requires("authenticated");
        Guard hidden = base.status(404);
        assertThat(hidden).isNotSameAs(base);
        App app = App.builder()
            .route(Route.get("/base", base.wrap(OK)), Route.get("/hidden", hidden.wrap(OK)))
            .route(Route.get("/check", Endpoint.sync(request -> Response.text(String.valueOf(base.allows(request))))))
            .middleware(new AuthenticationMiddleware(HEADERS))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/base")).hasStatus(403);
            assertThat(client.get("/hidden")).hasStatus(404);
            assertThat(client.get("/check")).hasBody("false");
            assertThat(client.get("/check", as("tom", ""))).hasBody("true");
        }
    }
}
