package io.nettle.auth;

import static io.nettle.auth.Guard.requires;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Faults: the client leaves while its authentication (or its endpoint) is still working. */
class ClientGoneTest {

    @Test
    void aBackendAnsweringAfterTheClientLeftHarmsNothing() throws Exception {
        ScheduledExecutorService store = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch answered = new CountDownLatch(3);
        AuthenticationBackend slow = connection -> {
            CompletableFuture<Optional<AuthResult>> answer = new CompletableFuture<>();
            long delay = connection.queryParam("slow").isPresent() ? 200 : 0;
            store.schedule(() -> {
                answer.complete(Optional.of(AuthResult.user("tom", "authenticated")));
                answered.countDown();
            }, delay, TimeUnit.MILLISECONDS);
            return answer;
        };
        App app = App.builder()
            .middleware(new AuthenticationMiddleware(slow))
            .route(Route.get("/", requires("authenticated", Endpoint.sync(r -> Response.text("ok")))))
            .build();
        try (Server server = app.serve("127.0.0.1", 0)) {
            for (int i = 0; i < 2; i++) {
                try (Socket socket = new Socket("127.0.0.1", server.port())) {
                    OutputStream out = socket.getOutputStream();
                    out.write("GET /?slow=1 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> after = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answered.await(5, TimeUnit.SECONDS)).as("every backend call completed").isTrue();
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.body()).isEqualTo("ok");
        } finally {
            store.shutdownNow();
        }
    }
}
