package io.nettle.http;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.Wire;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Response bodies produced over time and read from files, on every protocol: what the client
 * receives is exactly what was produced, framed as the protocol frames it.
 */
@OnEveryProtocol
class StreamingResponseTest {
    private final Wire wire;
    @TempDir
    Path dir;

    StreamingResponseTest(Wire wire) {
        this.wire = wire;
    }

    /** Writes lines 1 to {@code last}, each once the previous one was taken, then ends. */
    static void count(BodyWriter body, int n, int last) {
        if (n > last) {
            body.end();
            return;
        }
        body.write(n + "\n").whenComplete((ok, failure) -> {
            if (failure == null) {
                count(body, n + 1, last);
            }
        });
    }

    private static String lines(int last) {
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= last; i++) {
            expected.append(i).append('\n');
        }
        return expected.toString();
    }

    private TestClient client(Route... routes) {
        App.Builder app = App.builder();
        for (Route route : routes) {
            app.route(route);
        }
        return TestClient.of(app.build(), wire);
    }

    @Test
    void aProducedBodyArrivesWholeAndInOrder() {
        try (TestClient client = client(Route.get("/count", Endpoint.sync(request ->
            Response.stream("text/plain; charset=utf-8", body -> count(body, 1, 5000)))))) {
            TestResponse response = client.get("/count");
            assertThat(response).hasStatus(200).hasContentType("text/plain; charset=utf-8");
            assertThat(response.text()).isEqualTo(lines(5000));
            if (wire == Wire.HTTP2) {
                assertThat(response).as("no length announced").hasNoHeader("Content-Length");
            } else {
                assertThat(client.sendRaw("GET /count HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                    .containsIgnoringCase("transfer-encoding: chunked").doesNotContainIgnoringCase("content-length")
                    .contains("\r\n\r\n2\r\n1\n\r\n2\r\n2\n\r\n").endsWith("\r\n0\r\n\r\n");
            }
            assertThat(client.get("/count").text()).as("the connection serves on after a streamed body").isEqualTo(lines(5000));
        }
    }

    @Test
    void aProducerMayWriteFromAnotherThread() {
        try (TestClient client = client(Route.get("/later", Endpoint.sync(request -> Response.stream("text/plain", body ->
            CompletableFuture.runAsync(() -> count(body, 1, 300))))))) {
            assertThat(client.get("/later").text()).isEqualTo(lines(300));
        }
    }

    @Test
    void aPublishersItemsAreTheBody() {
        try (TestClient client = client(Route.get("/published", Endpoint.sync(request ->
            Response.publish("text/plain", new Lines(200)))))) {
            assertThat(client.get("/published").text()).isEqualTo(lines(200));
        }
    }

    /** Publishes lines 1 to {@code last}, each as requested, on the requesting thread. */
    private record Lines(int last) implements Flow.Publisher<ByteBuffer> {
        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {
                private int next = 1;

                @Override
                public void request(long n) {
                    for (long i = 0; i < n && next <= last; i++) {
                        subscriber.onNext(ByteBuffer.wrap((next++ + "\n").getBytes(StandardCharsets.UTF_8)));
                    }
                    if (next == last + 1) {
                        next++;
                        subscriber.onComplete();
                    }
                }

                @Override
                public void cancel() {
                    next = last + 2;
                }
            });
        }
    }

    @Test
    void aSecondWriteBeforeTheFirstCompletedIsRefusedNotBuffered() {
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        try (TestClient client = client(Route.get("/greedy", Endpoint.sync(request -> Response.stream("text/plain", body -> {
            byte[] big = new byte[1024 * 1024];
            body.write(big);
            body.write(big).whenComplete((ok, failure) -> refused.complete(failure));
            body.end();
        }))))) {
            assertThat(client.get("/greedy").bytes()).hasSize(1024 * 1024);
            assertThat(refused.join()).isInstanceOf(IllegalStateException.class).hasMessageContaining("previous write is still pending");
        }
    }

    @Test
    void aFileIsSentWhole() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("data.bin"), content);
        Files.writeString(dir.resolve("notes.txt"), "héllo");
        try (TestClient client = client(
            Route.get("/data", Endpoint.sync(request -> Response.file(file))),
            Route.get("/notes", Endpoint.sync(request -> Response.file(dir.resolve("notes.txt")))),
            Route.get("/missing", Endpoint.sync(request -> Response.file(dir.resolve("missing.txt")))))) {
            TestResponse data = client.get("/data");
            assertThat(data).hasStatus(200).hasContentType("application/octet-stream")
                .hasHeader("Content-Length", String.valueOf(content.length));
            assertThat(data.bytes()).isEqualTo(content);
            assertThat(client.get("/notes")).hasStatus(200).hasContentType("text/plain; charset=utf-8").hasBody("héllo");
            assertThat(client.get("/missing")).hasStatus(404);
            assertThat(client.head("/data")).hasStatus(200).hasHeader("Content-Length", String.valueOf(content.length)).hasEmptyBody();
        }
    }

    @Test
    void aDownloadNamesItsFileForEveryClient() throws Exception {
        Path file = Files.writeString(dir.resolve("r.csv"), "a,b\n");
        try (TestClient client = client(Route.get("/report", Endpoint.sync(request -> Response.download(file, "Bericht März \"2026\".csv"))))) {
            assertThat(client.get("/report")).hasStatus(200).hasBody("a,b\n").hasContentType("text/csv; charset=utf-8")
                .hasHeader("Content-Disposition", "attachment; filename=\"Bericht M_rz _2026_.csv\"; "
                    + "filename*=UTF-8''Bericht%20M%C3%A4rz%20%222026%22.csv");
        }
    }
}
