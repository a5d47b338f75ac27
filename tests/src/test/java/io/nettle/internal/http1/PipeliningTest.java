package io.nettle.internal.http1;

import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testing.RawSocket;
import io.nettle.testkit.OnEveryWire;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.1 pipelining loses nothing: however many requests come in one write, each is answered,
 * in order; the server bounds its memory by not decoding (and not reading) further while 64 are
 * queued, never by dropping requests.
 */
@OnEveryWire
class PipeliningTest {
    private static final byte[] BIG = new byte[1024 * 1024];
    private static final Pattern LENGTH = Pattern.compile("\r\ncontent-length: *(\\d+)\r\n", Pattern.CASE_INSENSITIVE);

    private final Wire wire;

    PipeliningTest(Wire wire) {
        this.wire = wire;
    }

    private static App app(ServerSettings settings) {
        return App.builder()
            .settings(settings)
            .route(Route.get("/n/{i:int}", Endpoint.sync(r -> Response.text(String.valueOf(r.pathParams().getLong("i"))))))
            .route(Route.post("/echo", r -> r.text().thenApply(Response::text)))
            .route(Route.get("/slow", r -> CompletableFuture.supplyAsync(() -> Response.text("slow"),
                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS))))
            .route(Route.get("/big", Endpoint.sync(r -> Response.bytes(BIG, "application/octet-stream"))))
            .build();
    }

    @Test
    void twoThousandRequestsInOneWriteGetTwoThousandResponsesInOrder() {
        StringBuilder requests = new StringBuilder("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
        for (int i = 0; i < 2000; i++) {
            requests.append(i == 1000
                ? "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n1000"
                : "GET /n/" + i + " HTTP/1.1\r\nHost: x\r\n" + (i == 1999 ? "Connection: close\r\n" : "") + "\r\n");
        }
        try (TestClient client = TestClient.of(app(ServerSettings.defaults()), wire)) {
            List<String> bodies = bodies(client.sendRaw(requests.toString()));
            List<String> expected = new ArrayList<>(List.of("slow"));
            IntStream.range(0, 2000).mapToObj(Integer::toString).forEach(expected::add);
            assertThat(bodies).as("every request answered, in order").isEqualTo(expected);
        }
    }

    @Test
    void theConnectionStaysUsableAfterAFullQueue() {
        try (TestClient client = TestClient.of(app(ServerSettings.defaults()), wire)) {
            String raw = client.sendRaw("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n" + "GET /n/7 HTTP/1.1\r\nHost: x\r\n\r\n".repeat(300));
            assertThat(bodies(raw)).hasSize(301).doesNotContain("").endsWith("7");
            assertThat(raw).doesNotContainIgnoringCase("connection: close");
        }
    }

    @Test
    void aClientThatPipelinesWithoutReadingIsCutOffByTheWriteTimeout() throws Exception {
        Assumptions.assumeTrue(wire != Wire.IN_MEMORY, "in memory the client always reads: this needs a socket");
        ServerSettings settings = ServerSettings.builder().writeTimeout(Duration.ofMillis(300)).build();
        try (TestClient client = TestClient.of(app(settings), wire)) {
            Server server = client.server().orElseThrow();
            try (RawSocket socket = RawSocket.connect(server, 16 * 1024)) {
                socket.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n".repeat(200));
                Thread.sleep(1500);
                String raw = socket.readUntilClosed(Duration.ofSeconds(10));
                assertThat(socket.closedByPeer()).as("closed by the write timeout").isTrue();
                assertThat(raw.length()).as("far less than the 200 responses").isLessThan(20 * BIG.length);
            }
            try (RawSocket fresh = RawSocket.connect(server)) {
                String raw = fresh.send("GET /n/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readUntilClosed(Duration.ofSeconds(5));
                assertThat(raw).as("the server still serves").startsWith("HTTP/1.1 200").endsWith("1");
            }
        }
    }

    /** The bodies of the responses in {@code raw}, in order (each framed by its Content-Length). */
    private static List<String> bodies(String raw) {
        List<String> bodies = new ArrayList<>();
        int from = 0;
        while (raw.startsWith("HTTP/1.1 ", from)) {
            int headEnd = raw.indexOf("\r\n\r\n", from) + 4;
            Matcher length = LENGTH.matcher(raw.substring(from, headEnd));
            assertThat(length.find()).as("a Content-Length in %s", raw.substring(from, headEnd)).isTrue();
            int end = headEnd + Integer.parseInt(length.group(1));
            bodies.add(raw.substring(headEnd, end));
            from = end;
        }
        assertThat(from).as("nothing but whole responses").isEqualTo(raw.length());
        return bodies;
    }
}
