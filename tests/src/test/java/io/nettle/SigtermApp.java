package io.nettle;

import io.nettle.http.Response;
import io.nettle.routing.Route;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The README's server pattern, run in a JVM of its own by {@link GracefulShutdownTest}: a slow
 * endpoint, a shutdown hook that says it ran, and nothing else to handle SIGTERM.
 */
public final class SigtermApp {
    private SigtermApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        App app = App.builder()
            .route(Route.get("/slow", request -> CompletableFuture.supplyAsync(() -> Response.text("finished"),
                CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS))))
            .onShutdown(() -> System.out.println("onShutdown ran"))
            .build();
        try (Server server = app.serve("127.0.0.1", 0)) {
            System.out.println("port " + server.port());
            server.awaitShutdown();
        }
    }
}
