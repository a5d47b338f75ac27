package io.nettle.middleware;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.nettle.App;
import io.nettle.ServerSettings;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.http.HttpException;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.Wire;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@OnEveryProtocol
class SecurityHeadersMiddlewareTest {
    private static final AuthenticationBackend BY_HEADER = AuthenticationBackend.sync(connection ->
        connection.header("X-User").map(name -> AuthResult.user(name, "authenticated")));
    private static final Map<String, String> TOM = Map.of("X-User", "tom");
    private static final Map<String, String> VIA_HTTPS_PROXY = Map.of("X-Forwarded-Proto", "https");

    private final Wire wire;

    SecurityHeadersMiddlewareTest(Wire wire) {
        this.wire = wire;
    }

    private TestClient client(Middleware headers, boolean trustProxy) {
        ServerSettings.Builder settings = ServerSettings.builder();
        if (trustProxy) {
            settings.trustedProxies("0.0.0.0/0", "::/0");
        }
        App app = App.builder().settings(settings.build())
            .middleware(headers, new AuthenticationMiddleware(BY_HEADER))
            .route(Route.get("/", Endpoint.sync(request -> Response.html("<p>hi</p>"))))
            .route(Route.get("/own", Endpoint.sync(request -> Response.text("own")
                .withHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'self'")
                .withHeader("X-Frame-Options", "SAMEORIGIN").withHeader("Cache-Control", "max-age=60"))))
            .route(Route.get("/fails", Endpoint.sync(request -> {
                throw new HttpException(409, "Conflict");
            })))
            .build();
        return TestClient.of(app, wire);
    }

    private static void assertDefaults(TestResponse response) {
        assertThat(response).hasHeader("X-Content-Type-Options", "nosniff")
            .hasHeader("Content-Security-Policy", "frame-ancestors 'none'")
            .hasHeader("X-Frame-Options", "DENY")
            .hasHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    }

    @Test
    void safeDefaultsOnEveryResponseErrorsIncluded() {
        try (TestClient client = client(SecurityHeadersMiddleware.defaults(), false)) {
            TestResponse page = client.get("/");
            assertThat(page).hasStatus(200);
            assertDefaults(page);
            assertThat(page).as("anonymous, over http").hasNoHeader("Cache-Control").hasNoHeader("Strict-Transport-Security");
            TestResponse failed = client.get("/fails");
            assertThat(failed).hasStatus(409);
            assertDefaults(failed);
            TestResponse missing = client.get("/nowhere");
            assertThat(missing).hasStatus(404);
            assertDefaults(missing);
        }
    }

    @Test
    void authenticatedResponsesAreNotStored() {
        try (TestClient client = client(SecurityHeadersMiddleware.defaults(), false)) {
            assertThat(client.get("/", TOM)).hasStatus(200).hasHeader("Cache-Control", "no-store");
            assertThat(client.get("/fails", TOM)).hasStatus(409).hasHeader("Cache-Control", "no-store");
            assertThat(client.get("/", TOM).headers().getAll("Cache-Control")).hasSize(1);
            assertThat(client.get("/")).hasNoHeader("Cache-Control");
        }
    }

    @Test
    void headersTheAppSetAreKept() {
        try (TestClient client = client(SecurityHeadersMiddleware.defaults(), false)) {
            TestResponse own = client.get("/own", TOM);
            assertThat(own).hasHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'self'")
                .hasHeader("X-Frame-Options", "SAMEORIGIN").hasHeader("Cache-Control", "max-age=60")
                .hasHeader("X-Content-Type-Options", "nosniff");
            assertThat(own.headers().getAll("Content-Security-Policy")).hasSize(1);
            assertThat(own.headers().getAll("X-Frame-Options")).hasSize(1);
        }
    }

    @Test
    void hstsOnlyOverHttpsAsTheTrustedProxySaysIt() {
        try (TestClient client = client(SecurityHeadersMiddleware.defaults(), true)) {
            assertThat(client.get("/", VIA_HTTPS_PROXY)).hasHeader("Strict-Transport-Security", "max-age=31536000");
            assertThat(client.get("/")).hasNoHeader("Strict-Transport-Security");
        }
        try (TestClient client = client(SecurityHeadersMiddleware.defaults(), false)) {
            assertThat(client.get("/", VIA_HTTPS_PROXY)).as("an untrusted peer's header is ignored")
                .hasNoHeader("Strict-Transport-Security");
        }
    }

    @Test
    void eachHeaderCanBeChangedOrLeftOut() {
        SecurityHeadersMiddleware changed = SecurityHeadersMiddleware.builder()
            .contentTypeOptions(null)
            .contentSecurityPolicy("frame-ancestors 'self'")
            .frameOptions("SAMEORIGIN")
            .referrerPolicy("no-referrer")
            .hsts(Duration.ofDays(1))
            .cacheControlWhenAuthenticated("private, no-cache")
            .build();
        try (TestClient client = client(changed, true)) {
            Map<String, String> headers = new java.util.HashMap<>(TOM);
            headers.putAll(VIA_HTTPS_PROXY);
            assertThat(client.get("/", headers)).hasNoHeader("X-Content-Type-Options")
                .hasHeader("Content-Security-Policy", "frame-ancestors 'self'")
                .hasHeader("X-Frame-Options", "SAMEORIGIN")
                .hasHeader("Referrer-Policy", "no-referrer")
                .hasHeader("Strict-Transport-Security", "max-age=86400")
                .hasHeader("Cache-Control", "private, no-cache");
        }
        SecurityHeadersMiddleware none = SecurityHeadersMiddleware.builder().contentTypeOptions(null).contentSecurityPolicy(null)
            .frameOptions(null).referrerPolicy(null).hsts((String) null).cacheControlWhenAuthenticated(null).build();
        try (TestClient client = client(none, true)) {
            Map<String, String> headers = new java.util.HashMap<>(TOM);
            headers.putAll(VIA_HTTPS_PROXY);
            TestResponse response = client.get("/", headers);
            for (String name : new String[] {"X-Content-Type-Options", "Content-Security-Policy", "X-Frame-Options",
                    "Referrer-Policy", "Strict-Transport-Security", "Cache-Control"}) {
                assertThat(response).hasNoHeader(name);
            }
        }
    }

    @Test
    void withoutAuthenticationNothingIsAuthenticated() {
        App app = App.builder().middleware(SecurityHeadersMiddleware.defaults())
            .route(Route.get("/", Endpoint.sync(request -> Response.text("hi")))).build();
        try (TestClient client = TestClient.of(app, wire)) {
            TestResponse response = client.get("/", TOM);
            assertThat(response).hasStatus(200).hasNoHeader("Cache-Control");
            assertDefaults(response);
        }
    }

    @Test
    void valuesAreChecked() {
        assertThatIllegalArgumentException().isThrownBy(() -> SecurityHeadersMiddleware.builder().referrerPolicy("a\r\nSet-Cookie: x=y"));
        assertThatIllegalArgumentException().isThrownBy(() -> SecurityHeadersMiddleware.builder().frameOptions(" "));
        assertThatIllegalArgumentException().isThrownBy(() -> SecurityHeadersMiddleware.builder().hsts(Duration.ofSeconds(-1)));
        assertThat(Optional.of(SecurityHeadersMiddleware.defaults())).isPresent();
    }
}
