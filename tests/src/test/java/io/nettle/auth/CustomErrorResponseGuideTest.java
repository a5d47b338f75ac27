package io.nettle.auth;

import static io.nettle.auth.BasicAuthGuideTest.GUIDE_BACKEND;
import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.App;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The "Custom authentication error responses" section of Starlette's guide, translated. */
@OnEveryProtocol
class CustomErrorResponseGuideTest {
    private final Wire wire;

    CustomErrorResponseGuideTest(Wire wire) {
        this.wire = wire;
    }

    // def on_auth_error(request: Request, exc: Exception):
    //     return JSONResponse({"error": str(exc)}, status_code=401)
    static Response onAuthError(Request request, AuthenticationError exc) {
        return Response.json(Map.of("error", exc.getMessage())).withStatus(401)
            .withHeader("WWW-Authenticate", "Basic realm=\"nettle\"");
    }

    // app = Starlette(middleware=[Middleware(AuthenticationMiddleware, backend=BasicAuthBackend(), on_error=on_auth_error)])
    static final App APP = App.builder()
        .route(Route.get("/", Endpoint.sync(request -> Response.text("Hello, " + request.user().displayName()))))
        .middleware(new AuthenticationMiddleware(GUIDE_BACKEND, CustomErrorResponseGuideTest::onAuthError))
        .build();

    @Test
    void anAuthenticationErrorIsAnsweredByOnError() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/", Map.of("Authorization", "Basic not-base64!")))
                .hasStatus(401)
                .hasContentType("application/json")
                .hasHeader("WWW-Authenticate", "Basic realm=\"nettle\"")
                .hasJsonBody("{\"error\":\"Invalid basic auth credentials\"}");
        }
    }

    @Test
    void goodCredentialsDoNotReachOnError() {
        try (TestClient client = TestClient.of(APP, wire)) {
            assertThat(client.get("/", Map.of("Authorization", BasicAuthGuideTest.basic("tom:secret")))).hasStatus(200).hasBody("Hello, tom");
        }
    }
}
