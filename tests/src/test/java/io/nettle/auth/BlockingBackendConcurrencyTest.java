package io.nettle.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Slow blocking backends scale with the worker pool, not with the event-loop threads. */
class BlockingBackendConcurrencyTest {

    @Test
    void fiftySlowBlockingLookupsRunSideBySide() throws Exception {
        AuthenticationBackend slow = AuthenticationBackend.blocking(connection -> {
            Thread.sleep(200);
            return Optional.of(AuthResult.user(connection.header("X-User").orElse("?"), "authenticated"));
        });
        App app = App.builder()
            .route(Route.get("/", Guard.requires("authenticated", Endpoint.sync(request -> Response.text(request.user().displayName())))))
            .middleware(new AuthenticationMiddleware(slow))
            .settings(ServerSettings.builder().workerThreads(64).build())
            .build();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (Server server = app.serve("127.0.0.1", 0)) {
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                    .header("X-User", "user" + i).timeout(Duration.ofSeconds(10)).build();
                responses.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            for (int i = 0; i < 50; i++) {
                assertThat(responses.get(i).join().statusCode()).isEqualTo(200);
                assertThat(responses.get(i).join().body()).isEqualTo("user" + i);
            }
        }
    }
}
