package io.nettle;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.http.HttpException;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@OnEveryProtocol
class ErrorHandlingTest {
    private final Wire wire;

    ErrorHandlingTest(Wire wire) {
        this.wire = wire;
    }

    /** A failure whose message must never reach the client. */
    static final class SecretFailure extends RuntimeException {
        SecretFailure() {
            super("database password is hunter2");
        }
    }

    static class AppError extends RuntimeException {
        AppError(String message) {
            super(message);
        }
    }

    static class NotAllowed extends AppError {
        NotAllowed(String message) {
            super(message);
        }
    }

    static final class VeryNotAllowed extends NotAllowed {
        VeryNotAllowed(String message) {
            super(message);
        }
    }

    static final class PaymentRequired extends HttpException {
        PaymentRequired() {
            super(402, "pay first");
        }
    }

    private static Endpoint throwing(RuntimeException e) {
        return Endpoint.sync(request -> {
            throw e;
        });
    }

    @Test
    void anHttpExceptionBecomesItsStatusDetailAndHeaders() {
        App app = App.builder()
            .route(Route.get("/", throwing(new HttpException(401, "Log in first", Map.of("WWW-Authenticate", "Bearer")))))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/")).hasStatus(401).hasContentType("text/plain").hasBody("Log in first")
                .hasHeader("WWW-Authenticate", "Bearer");
        }
    }

    @Test
    void anHttpExceptionWithoutDetailHasTheReasonPhrase() {
        App app = App.builder().route(Route.get("/", throwing(new HttpException(429)))).build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/")).hasStatus(429).hasBody("Too Many Requests");
        }
    }

    @Test
    void anUnknownExceptionIs500WithoutItsText() {
        App app = App.builder().route(Route.get("/", throwing(new SecretFailure()))).build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/")).hasStatus(500).hasBody("Internal Server Error").hasContentType("text/plain");
            assertThat(client.get("/")).as("the connection survives").hasStatus(500);
        }
    }

    @Test
    void aFailedStageIsHandledLikeAThrow() {
        App app = App.builder()
            .route(Route.get("/http", request -> CompletableFuture.failedFuture(new HttpException(409, "Conflict here"))))
            .route(Route.get("/other", request -> CompletableFuture.failedFuture(new SecretFailure())))
            .route(Route.get("/later", request -> CompletableFuture.supplyAsync(() -> {
                throw new HttpException(422, "Bad later");
            })))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/http")).hasStatus(409).hasBody("Conflict here");
            assertThat(client.get("/other")).hasStatus(500).hasBody("Internal Server Error");
            assertThat(client.get("/later")).hasStatus(422).hasBody("Bad later");
        }
    }

    @Test
    void anEndpointReturningNullIs500() {
        App app = App.builder()
            .route(Route.get("/null-stage", request -> null))
            .route(Route.get("/null-response", Endpoint.sync(request -> null)))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/null-stage")).hasStatus(500).hasBody("Internal Server Error");
            assertThat(client.get("/null-response")).hasStatus(500).hasBody("Internal Server Error");
        }
    }

    @Test
    void aStatusHandlerAnswersHttpExceptionsOfThatStatusRoutingsIncluded() {
        App app = App.builder()
            .route(Route.get("/gone", throwing(new HttpException(410, "gone"))))
            .exceptionHandler(404, (request, e) -> Response.html("<h1>nothing at " + request.path() + "</h1>").withStatus(404))
            .exceptionHandler(410, (request, e) -> Response.text("handled " + e.status() + " " + e.detail()).withStatus(410))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/missing")).hasStatus(404).hasContentType("text/html").hasBody("<h1>nothing at /missing</h1>");
            assertThat(client.get("/gone")).hasStatus(410).hasBody("handled 410 gone");
        }
    }

    @Test
    void aTypeHandlerAnswersThatTypeAndItsSubclassesWithTheNearestSuperclassWinning() {
        App app = App.builder()
            .route(Route.get("/app", throwing(new AppError("a"))))
            .route(Route.get("/not-allowed", throwing(new NotAllowed("b"))))
            .route(Route.get("/very", throwing(new VeryNotAllowed("c"))))
            .route(Route.get("/state", throwing(new IllegalStateException("s"))))
            .exceptionHandler(AppError.class, (request, e) -> Response.text("app " + e.getMessage()).withStatus(400))
            .exceptionHandler(NotAllowed.class, (request, e) -> Response.text("not allowed " + e.getMessage()).withStatus(403))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/app")).hasStatus(400).hasBody("app a");
            assertThat(client.get("/not-allowed")).hasStatus(403).hasBody("not allowed b");
            assertThat(client.get("/very")).hasStatus(403).hasBody("not allowed c");
            assertThat(client.get("/state")).hasStatus(500).hasBody("Internal Server Error");
        }
    }

    @Test
    void aTypeHandlerAlsoAnswersFailedStages() {
        App app = App.builder()
            .route(Route.get("/", request -> CompletableFuture.failedFuture(new AppError("x"))))
            .exceptionHandler(AppError.class, (request, e) -> Response.text("handled").withStatus(409))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/")).hasStatus(409).hasBody("handled");
        }
    }

    @Test
    void a500HandlerReplacesTheGenericErrorPage() {
        App app = App.builder()
            .route(Route.get("/", throwing(new SecretFailure())))
            .exceptionHandler(500, (request, e) -> Response.html("<p>Sorry</p>").withStatus(500))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/")).hasStatus(500).hasBody("<p>Sorry</p>");
        }
    }

    @Test
    void aFailingExceptionHandlerIs500WithoutItsText() {
        App app = App.builder()
            .route(Route.get("/", throwing(new AppError("x"))))
            .exceptionHandler(AppError.class, (request, e) -> {
                throw new SecretFailure();
            })
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/")).hasStatus(500).hasBody("Internal Server Error");
        }
    }

    @Test
    void aTypeHandlerForHttpExceptionAnswersThemWhenNoStatusHandlerDoes() {
        App app = App.builder()
            .route(Route.get("/pay", throwing(new PaymentRequired())))
            .route(Route.get("/teapot", throwing(new HttpException(409, "conflict"))))
            .exceptionHandler(HttpException.class, (request, e) ->
                Response.json(Map.of("status", e.status(), "detail", e.detail())).withStatus(e.status()))
            .exceptionHandler(PaymentRequired.class, (request, e) -> Response.text("subclass " + e.detail()).withStatus(402))
            .exceptionHandler(409, (request, e) -> Response.text("by status").withStatus(409))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/missing")).hasStatus(404).hasJsonBody("{\"status\": 404, \"detail\": \"Not Found\"}");
            assertThat(client.get("/pay")).hasStatus(402).hasBody("subclass pay first");
            assertThat(client.get("/teapot")).as("a status handler comes first").hasStatus(409).hasBody("by status");
        }
    }

    @Test
    void aTypeHandlerForExceptionLeavesHttpExceptionsAlone() {
        App app = App.builder()
            .route(Route.get("/boom", throwing(new SecretFailure())))
            .exceptionHandler(Exception.class, (request, e) -> Response.text("oops").withStatus(500))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/boom")).hasStatus(500).hasBody("oops");
            assertThat(client.get("/missing")).hasStatus(404).hasBody("Not Found");
        }
    }
}
