package io.nettle.auth.backends;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.nettle.App;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

@OnEveryProtocol
class ApiKeyBackendTest {
    private final Wire wire;

    ApiKeyBackendTest(Wire wire) {
        this.wire = wire;
    }

    static final String KEY = "sk-live-8c1f0d6e4b2a";

    static App app(ApiKeyBackend backend) {
        return App.builder()
            .route(Route.get("/", Endpoint.sync(request -> Response.text(request.user().isAuthenticated()
                ? request.user().displayName() + " " + request.auth().scopes() : "anonymous"))))
            .middleware(new AuthenticationMiddleware(backend))
            .build();
    }

    static final App HEADER_APP = app(ApiKeyBackend.builder()
        .key(KEY, AuthResult.user("billing", "authenticated", "invoices"))
        .key("sk-other", AuthResult.user("other", "authenticated"))
        .build());

    static final App EITHER_APP = app(ApiKeyBackend.builder()
        .fromHeader("X-API-Key").fromQueryParameter("api_key")
        .key(KEY, AuthResult.user("billing", "authenticated"))
        .build());

    @Test
    void aConfiguredKeyInTheDefaultHeaderAuthenticates() {
        try (TestClient client = TestClient.of(HEADER_APP, wire)) {
            assertThat(client.get("/", Map.of("X-API-Key", KEY))).hasStatus(200).hasBody("billing [authenticated, invoices]");
            assertThat(client.get("/", Map.of("x-api-key", "sk-other"))).hasStatus(200).hasBody("other [authenticated]");
        }
    }

    @Test
    void noKeyIsAnonymous() {
        try (TestClient client = TestClient.of(HEADER_APP, wire)) {
            assertThat(client.get("/")).hasStatus(200).hasBody("anonymous");
            assertThat(client.get("/?api_key=" + KEY)).hasStatus(200).hasBody("anonymous");
        }
    }

    @Test
    void aWrongKeyIsAnErrorThatDoesNotEchoTheKey() {
        try (TestClient client = TestClient.of(HEADER_APP, wire)) {
            assertThat(client.get("/", Map.of("X-API-Key", KEY + "x"))).hasStatus(400).hasBody("Invalid API key");
            assertThat(client.get("/", Map.of("X-API-Key", KEY.substring(1)))).hasStatus(400).hasBody("Invalid API key");
            assertThat(client.get("/", Map.of("X-API-Key", ""))).hasStatus(400).hasBody("Invalid API key");
        }
    }

    @Test
    void twoKeyHeaderLinesAreRefusedAsAmbiguous() {
        Assumptions.assumeTrue(wire != Wire.HTTP2, "two header lines of one name, as raw HTTP/1.1 bytes: sendRaw speaks HTTP/1.1 "
            + "on every wire, and the TestClient sends one value per header name");
        try (TestClient client = TestClient.of(HEADER_APP, wire)) {
            String raw = client.sendRaw("GET / HTTP/1.1\r\nHost: testserver\r\nX-API-Key: " + KEY + "\r\nX-API-Key: sk-other\r\n"
                + "Connection: close\r\n\r\n");
            assertThat(raw).startsWith("HTTP/1.1 400").endsWith("Multiple API keys");
        }
    }

    @Test
    void aKeyInTwoSourcesOrTwiceInTheQueryIsRefusedAsAmbiguous() {
        try (TestClient client = TestClient.of(EITHER_APP, wire)) {
            assertThat(client.get("/?api_key=" + KEY, Map.of("X-API-Key", KEY))).hasStatus(400).hasBody("Multiple API keys");
            assertThat(client.get("/?api_key=" + KEY + "&api_key=" + KEY)).hasStatus(400).hasBody("Multiple API keys");
        }
    }

    @Test
    void aConfiguredQueryParameterIsReadToo() {
        try (TestClient client = TestClient.of(EITHER_APP, wire)) {
            assertThat(client.get("/?api_key=" + KEY)).hasStatus(200).hasBody("billing [authenticated]");
            assertThat(client.get("/", Map.of("X-API-Key", KEY))).hasStatus(200).hasBody("billing [authenticated]");
            assertThat(client.get("/?api_key=nope")).hasStatus(400).hasBody("Invalid API key");
        }
    }

    @Test
    void aMalformedQueryStringIsTheClientsError() {
        try (TestClient client = TestClient.of(EITHER_APP, wire)) {
            assertThat(client.get("/?api_key=%zz")).hasStatus(400);
        }
    }

    @Test
    void onlyTheNamedSourcesAreRead() {
        App app = app(ApiKeyBackend.builder().fromQueryParameter("key").key(KEY, AuthResult.user("q")).build());
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/", Map.of("X-API-Key", KEY))).hasBody("anonymous");
            assertThat(client.get("/?key=" + KEY)).hasBody("q [authenticated]");
        }
    }

    @Test
    void theBuilderChecksEagerly() {
        assertThatIllegalStateException().isThrownBy(() -> ApiKeyBackend.builder().build());
        assertThatNullPointerException().isThrownBy(() -> ApiKeyBackend.builder().key(null, AuthResult.user("a")));
        assertThatNullPointerException().isThrownBy(() -> ApiKeyBackend.builder().key("k", null));
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeyBackend.builder().key("", AuthResult.user("a")));
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeyBackend.builder().key("k", AuthResult.user("a")).key("k", AuthResult.user("b")));
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeyBackend.builder().fromHeader("X API Key"));
        assertThatNullPointerException().isThrownBy(() -> ApiKeyBackend.builder().fromQueryParameter(null));
    }

    @Test
    void toStringShowsNoKey() {
        ApiKeyBackend backend = ApiKeyBackend.builder().key(KEY, AuthResult.user("billing")).build();
        assertThat(backend.toString()).doesNotContain(KEY).contains("X-API-Key");
    }
}
