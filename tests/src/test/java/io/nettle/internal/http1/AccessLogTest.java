package io.nettle.internal.http1;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.ServerSettings;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testing.AccessLogLines;
import io.nettle.testkit.Body;
import io.nettle.testkit.OnEveryWire;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The access log of HTTP requests: one line each, in its documented format, with nothing secret and nothing forged. */
@OnEveryWire
class AccessLogTest {
    /** {@code client identity "method target protocol" status bytes duration}. */
    private static final String DURATION = " \\d+\\.\\d{3}ms";
    private static final ServerSettings ON = ServerSettings.builder().accessLog(true).build();

    private final Wire wire;
    private final String clientHost;

    AccessLogTest(Wire wire) {
        this.wire = wire;
        this.clientHost = "127.0.0.1"; // the TestClient connects from loopback on every wire
    }

    /** {@code Authorization: Bearer base64(name:password)} authenticates {@code name}, whatever characters it holds. */
    private static final AuthenticationBackend BEARER = AuthenticationBackend.sync(connection -> connection.header("Authorization")
        .filter(value -> value.startsWith("Bearer "))
        .map(value -> new String(Base64.getDecoder().decode(value.substring(7)), StandardCharsets.UTF_8))
        .map(credentials -> AuthResult.user(credentials.substring(0, credentials.indexOf(':')))));

    private static App app(ServerSettings settings) {
        return App.builder()
            .settings(settings)
            .middleware(new AuthenticationMiddleware(BEARER))
            .route(Route.get("/users/{id:int}", Endpoint.sync(r -> Response.text("user " + r.pathParams().getLong("id")))))
            .route(Route.post("/echo", r -> r.text().thenApply(Response::text)))
            .build();
    }

    private static String bearer(String name, String password) {
        return "Bearer " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachRequestIsOneLineWithClientIdentityRequestStatusBytesAndDuration() {
        try (AccessLogLines log = AccessLogLines.capture(); TestClient client = TestClient.of(app(ON), wire)) {
            assertThat(client.get("/users/7")).hasStatus(200).hasBody("user 7");
            assertThat(client.head("/users/8")).hasStatus(200);
            assertThat(client.post("/echo", Body.text("hello"))).hasStatus(200);
            assertThat(client.get("/nowhere")).hasStatus(404);
            assertThat(log.await(4)).satisfiesExactly(
                line -> assertThat(line).matches(clientHost + " - \"GET /users/7 HTTP/1\\.1\" 200 6" + DURATION),
                line -> assertThat(line).as("no body sent to HEAD").matches(clientHost + " - \"HEAD /users/8 HTTP/1\\.1\" 200 0" + DURATION),
                line -> assertThat(line).matches(clientHost + " - \"POST /echo HTTP/1\\.1\" 200 5" + DURATION),
                line -> assertThat(line).matches(clientHost + " - \"GET /nowhere HTTP/1\\.1\" 404 \\d+" + DURATION));
        }
    }

    @Test
    void anHttp10RequestIsLoggedAsSuch() {
        try (AccessLogLines log = AccessLogLines.capture(); TestClient client = TestClient.of(app(ON), wire)) {
            assertThat(client.sendRaw("GET /users/1 HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 200");
            assertThat(log.await(1)).singleElement().asString().matches(clientHost + " - \"GET /users/1 HTTP/1\\.0\" 200 6" + DURATION);
        }
    }

    @Test
    void anAuthenticatedRequestShowsTheUsersIdentityAndNoCredentialsCookiesOrQuery() {
        try (AccessLogLines log = AccessLogLines.capture(); TestClient client = TestClient.of(app(ON), wire)) {
            client.cookie("sid", "cookie-secret");
            String authorization = bearer("tom", "password-secret");
            assertThat(client.request("GET", "/users/7").query("api_key", "query-secret")
                .header("Authorization", authorization).send()).hasStatus(200);
            String line = log.await(1).get(0);
            assertThat(line).matches(clientHost + " tom \"GET /users/7 HTTP/1\\.1\" 200 6" + DURATION)
                .doesNotContain("secret").doesNotContain(authorization.substring(7)).doesNotContain("Bearer")
                .doesNotContain("sid").doesNotContain("?");
        }
    }

    @Test
    void theQueryStringIsShownWhenAskedFor() {
        ServerSettings withQueries = ON.toBuilder().accessLogQueries(true).build();
        try (AccessLogLines log = AccessLogLines.capture(); TestClient client = TestClient.of(app(withQueries), wire)) {
            assertThat(client.request("GET", "/users/7").query("page", "2").query("q", "a b").send()).hasStatus(200);
            assertThat(log.await(1)).singleElement().asString()
                .matches(clientHost + " - \"GET /users/7\\?page=2&q=a(\\+|%20)b HTTP/1\\.1\" 200 6" + DURATION);
        }
    }

    @Test
    void aClientCannotForgeALineWithItsPath() {
        try (AccessLogLines log = AccessLogLines.capture(); TestClient client = TestClient.of(app(ON), wire)) {
            String forged = " HTTP/1.1\" 200 6 0.001ms\r\n127.0.0.1 admin \"GET /admin";
            assertThat(client.sendRaw("GET /users/%0d%0a127.0.0.1%20admin HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404");
            assertThat(client.sendRaw("GET /users/7\"%20200%206%200.001ms HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404");
            assertThat(client.sendRaw("GET /users/\u001b[2K\u001b[1Aforged HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400");
            assertThat(client.sendRaw("GET /users/7\r" + forged + " HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400");
            List<String> lines = log.await(4);
            assertThat(lines).satisfiesExactly(
                line -> assertThat(line).as("percent-encoding is logged as sent, never decoded")
                    .matches(clientHost + " - \"GET /users/%0d%0a127\\.0\\.0\\.1%20admin HTTP/1\\.1\" 404 \\d+" + DURATION),
                line -> assertThat(line).as("a quote is escaped")
                    .matches(clientHost + " - \"GET /users/7\\\\x22%20200%206%200\\.001ms HTTP/1\\.1\" 404 \\d+" + DURATION),
                line -> assertThat(line).as("control characters (a terminal's escape sequences) are escaped")
                    .matches(clientHost + " - \"GET /users/\\\\x1B\\[2K\\\\x1B\\[1Aforged HTTP/1\\.1\" 400 \\d+" + DURATION),
                line -> assertThat(line).as("a request line the decoder refuses shows no method or target")
                    .matches(clientHost + " - \"- - HTTP/1\\.1\" 400 \\d+" + DURATION));
            assertThat(log.text()).doesNotContain("admin \"GET");
            lines.forEach(line -> assertThat(line.split(" ")).as("eight fields: %s", line).hasSize(8));
        }
    }

    @Test
    void anIdentityFromTheClientCannotForgeALineEither() {
        try (AccessLogLines log = AccessLogLines.capture(); TestClient client = TestClient.of(app(ON), wire)) {
            String name = "mallory\r\n127.0.0.1 admin \"GET /admin HTTP/1.1\" 200 0 0.001ms\u2028\\";
            assertThat(client.get("/users/7", Map.of("Authorization", bearer(name, "x")))).hasStatus(200);
            assertThat(log.await(1)).singleElement().asString().matches(clientHost
                + " mallory\\\\x0D\\\\x0A127\\.0\\.0\\.1\\\\x20admin\\\\x20\\\\x22GET\\\\x20/admin\\\\x20HTTP/1\\.1\\\\x22\\\\x20200\\\\x200"
                + "\\\\x200\\.001ms\\\\xE2\\\\x80\\\\xA8\\\\x5C \"GET /users/7 HTTP/1\\.1\" 200 6" + DURATION);
            assertThat(log.text()).doesNotContain("admin \"GET");
        }
    }

    @Test
    void refusalsAreLoggedWithTheirStatusAndADashForAnUnusableHead() {
        ServerSettings small = ON.toBuilder().maxInitialLineLength(100).maxHeaderSize(200).maxBodySize(10).build();
        try (AccessLogLines log = AccessLogLines.capture(); TestClient client = TestClient.of(app(small), wire)) {
            assertThat(client.sendRaw("GET /" + "a".repeat(200) + " HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 414");
            assertThat(client.sendRaw("GET /users/7 HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(300) + "\r\n\r\n")).startsWith("HTTP/1.1 431");
            assertThat(client.sendRaw("NOT HTTP AT ALL\r\n\r\n")).startsWith("HTTP/1.1 400");
            assertThat(client.sendRaw("GET /users/7?q=1 HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400");
            assertThat(client.sendRaw("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n0123456789A")).startsWith("HTTP/1.1 413");
            assertThat(client.sendRaw("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")).startsWith("HTTP/1.1 400");
            assertThat(log.await(6)).satisfiesExactly(
                line -> assertThat(line).matches(clientHost + " - \"- - HTTP/1\\.1\" 414 \\d+" + DURATION),
                line -> assertThat(line).matches(clientHost + " - \"- - HTTP/1\\.1\" 431 \\d+" + DURATION),
                line -> assertThat(line).matches(clientHost + " - \"- - HTTP/1\\.1\" 400 \\d+" + DURATION),
                line -> assertThat(line).as("a head that decoded but is refused shows its method and path")
                    .matches(clientHost + " - \"GET /users/7 HTTP/1\\.1\" 400 \\d+" + DURATION),
                line -> assertThat(line).matches(clientHost + " - \"POST /echo HTTP/1\\.1\" 413 \\d+" + DURATION),
                line -> assertThat(line).as("a malformed chunk")
                    .matches(clientHost + " - \"POST /echo HTTP/1\\.1\" 400 \\d+" + DURATION));
        }
    }

    @Test
    void pipelinedRequestsAreLoggedInOrderOnceEach() {
        try (AccessLogLines log = AccessLogLines.capture(); TestClient client = TestClient.of(app(ON), wire)) {
            String raw = client.sendRaw("GET /users/1 HTTP/1.1\r\nHost: x\r\n\r\nPOST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi"
                + "GET /users/3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(raw.split("HTTP/1.1 200 OK", -1)).hasSize(4);
            assertThat(log.await(3)).satisfiesExactly(
                line -> assertThat(line).contains("\"GET /users/1 HTTP/1.1\" 200 6 "),
                line -> assertThat(line).contains("\"POST /echo HTTP/1.1\" 200 2 "),
                line -> assertThat(line).contains("\"GET /users/3 HTTP/1.1\" 200 6 "));
        }
    }

    @Test
    void nothingIsLoggedWhenTheLogIsOff() {
        try (AccessLogLines log = AccessLogLines.capture(); TestClient client = TestClient.of(app(ServerSettings.defaults()), wire)) {
            assertThat(client.get("/users/7", Map.of("Authorization", bearer("tom", "x")))).hasStatus(200);
            assertThat(client.sendRaw("NOT HTTP AT ALL\r\n\r\n")).startsWith("HTTP/1.1 400");
            assertThat(log.await(0)).isEmpty();
        }
        assertThat(ServerSettings.defaults().accessLog()).isFalse();
        assertThat(ServerSettings.defaults().accessLogQueries()).isFalse();
        assertThat(Optional.of(ON).map(ServerSettings::accessLog)).contains(true);
    }
}
