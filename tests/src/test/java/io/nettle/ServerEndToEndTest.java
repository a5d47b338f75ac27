package io.nettle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The real server on a socket, driven by the JDK's HTTP client. */
class ServerEndToEndTest {
    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    @Test
    void servesOnAPickedPortAndKeepsTheConnectionAlive() throws Exception {
        App app = App.builder()
            .route(Route.get("/port", Endpoint.sync(r -> Response.text(Integer.toString(r.client().port())))))
            .build();
        try (Server server = app.serve("127.0.0.1", 0)) {
            assertThat(server.port()).isPositive();
            HttpResponse<String> first = get(server, "/port");
            HttpResponse<String> second = get(server, "/port");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(second.body()).as("the second request reuses the first one's connection").isEqualTo(first.body());
            assertThat(get(server, "/nothing").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void closeLetsARequestInFlightFinishThenStopsAccepting() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<Response> release = new CompletableFuture<>();
        AtomicBoolean shutdownHookRan = new AtomicBoolean();
        App app = App.builder()
            .route(Route.get("/slow", request -> {
                entered.countDown();
                return release;
            }))
            .onShutdown(() -> shutdownHookRan.set(true))
            .settings(ServerSettings.builder().shutdownGracePeriod(Duration.ofSeconds(10)).build())
            .build();
        Server server = app.serve("127.0.0.1", 0);
        int port = server.port();
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        awaitRefused(port);
        assertThat(closing).isNotDone();

        release.complete(Response.text("finished"));
        HttpResponse<String> response = inFlight.get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("finished");
        assertThat(response.headers().firstValue("Connection")).hasValue("close");
        closing.get(5, TimeUnit.SECONDS);
        assertThat(shutdownHookRan).isTrue();
    }

    private static void awaitRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                Thread.sleep(10);
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                Thread.sleep(10);
            }
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    private HttpResponse<String> get(Server server, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
