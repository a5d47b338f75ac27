package io.nettle.auth;

import static io.nettle.auth.Guard.requires;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The authentication timeout on a real server, where it uses the connection's event-loop
 * timeout slot: a backend that answers in time is served, one that hangs gets 503, and the slot
 * works again for the next requests on the same keep-alive connection.
 */
class AuthenticationTimeoutServerTest {

    @Test
    void eachRequestOnAKeepAliveConnectionGetsItsOwnTimeout() throws Exception {
        ScheduledExecutorService store = Executors.newSingleThreadScheduledExecutor();
        AuthenticationBackend backend = connection -> {
            String mode = connection.queryParam("mode").orElse("fast");
            CompletableFuture<Optional<AuthResult>> answer = new CompletableFuture<>();
            if (mode.equals("fast")) {
                store.schedule(() -> answer.complete(Optional.of(AuthResult.user("tom", "authenticated"))), 20, TimeUnit.MILLISECONDS);
            }
            return answer;
        };
        App app = App.builder()
            .middleware(AuthenticationMiddleware.builder(backend).timeout(Duration.ofMillis(300)).build())
            .route(Route.get("/", requires("authenticated", Endpoint.sync(r -> Response.text("hi " + r.user().displayName())))))
            .build();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (Server server = app.serve("127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + server.port() + "/?mode=";
            for (String mode : new String[] {"fast", "hang", "fast", "fast", "hang", "fast"}) {
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + mode))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                if (mode.equals("fast")) {
                    assertThat(response.statusCode()).as("fast backend").isEqualTo(200);
                    assertThat(response.body()).isEqualTo("hi tom");
                } else {
                    assertThat(response.statusCode()).as("hanging backend").isEqualTo(503);
                    assertThat(millis).as("answered at the timeout, not long after").isBetween(250L, 3000L);
                }
            }
        } finally {
            store.shutdownNow();
        }
    }
}
