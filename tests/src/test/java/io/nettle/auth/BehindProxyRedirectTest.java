package io.nettle.auth;

import static io.nettle.auth.Guard.requires;
import static io.nettle.auth.TestBackends.HEADERS;
import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.App;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.Wire;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The login round trip of an app served over https by a proxy that speaks http to it: the
 * guard's redirect, its {@code next} and {@link SafeRedirects} say https once the proxy is
 * trusted (and stay on what the connection itself shows when it is not).
 */
@OnEveryProtocol
class BehindProxyRedirectTest {
    /** What a TLS-terminating proxy in front of {@code https://app.example} adds. */
    private static final Map<String, String> HTTPS_PROXY = Map.of("Host", "app.example", "X-Forwarded-Proto", "https");

    private final Wire wire;

    BehindProxyRedirectTest(Wire wire) {
        this.wire = wire;
    }

    private TestClient client(ServerSettings settings) {
        return TestClient.of(App.builder().settings(settings)
            .middleware(new AuthenticationMiddleware(HEADERS))
            .route(Route.get("/login", Endpoint.sync(request -> Response.text("the form"))).name("login"))
            .route(Route.post("/login", Endpoint.sync(request ->
                Response.redirect(SafeRedirects.next(request, request.urlFor("account")), 303))))
            .route(Route.get("/account", requires("authenticated").redirect("login")
                .wrap(Endpoint.sync(request -> Response.text("account of " + request.user().displayName())))).name("account"))
            .build(), wire);
    }

    private static TestResponse login(TestClient client, String next, Map<String, String> headers) {
        return client.request("POST", "/login").query("next", next).headers(headers).send();
    }

    @Test
    void theGuardRedirectsToHttpsWithAnHttpsNextBehindATrustedProxy() {
        try (TestClient client = client(ServerSettings.builder().trustedProxies("127.0.0.1").build())) {
            assertThat(client.get("/account", HTTPS_PROXY))
                .redirectsTo(303, "https://app.example/login?next=https%3A%2F%2Fapp.example%2Faccount");
            assertThat(client.get("/account?tab=2", Map.of("Forwarded", "for=203.0.113.9;proto=https;host=\"app.example:8443\"")))
                .redirectsTo(303, "https://app.example:8443/login?next=https%3A%2F%2Fapp.example%3A8443%2Faccount%3Ftab%3D2");
        }
    }

    @Test
    void safeRedirectsFollowsTheHttpsNextBehindATrustedProxy() {
        try (TestClient client = client(ServerSettings.builder().trustedProxies("127.0.0.1").build())) {
            assertThat(login(client, "https://app.example/account", HTTPS_PROXY)).redirectsTo(303, "/account");
            assertThat(login(client, "https://app.example:8443/account?tab=2",
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "app.example", "X-Forwarded-Port", "8443")))
                .redirectsTo(303, "/account?tab=2");
            assertThat(login(client, "http://app.example/account", HTTPS_PROXY))
                .as("another scheme is another origin: the fallback, on https").redirectsTo(303, "https://app.example/account");
            assertThat(login(client, "https://evil.example/account", HTTPS_PROXY)).redirectsTo(303, "https://app.example/account");
        }
    }

    @Test
    void withoutTrustTheProxysHeadersAreIgnoredAndTheConnectionSpeaks() {
        try (TestClient client = client(ServerSettings.defaults())) {
            assertThat(client.get("/account", HTTPS_PROXY))
                .redirectsTo(303, "http://app.example/login?next=http%3A%2F%2Fapp.example%2Faccount");
            assertThat(login(client, "https://app.example/account", HTTPS_PROXY)).redirectsTo(303, "http://app.example/account");
        }
    }
}
