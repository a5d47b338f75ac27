package io.nettle.internal.http2;

import static io.nettle.testing.RawHttp2.CONTINUATION;
import static io.nettle.testing.RawHttp2.DATA;
import static io.nettle.testing.RawHttp2.END_HEADERS;
import static io.nettle.testing.RawHttp2.END_STREAM;
import static io.nettle.testing.RawHttp2.GOAWAY;
import static io.nettle.testing.RawHttp2.HEADERS;
import static io.nettle.testing.RawHttp2.PING;
import static io.nettle.testing.RawHttp2.RST_STREAM;
import static io.nettle.testing.RawHttp2.SETTINGS;
import static io.nettle.testing.RawHttp2.WINDOW_UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Error;
import io.nettle.App;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testing.RawHttp2;
import io.nettle.testing.RawHttp2.Frame;
import io.nettle.testkit.OnSocketWires;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/2 protocol's own attacks against a real server (NIO and epoll), each sent frame by
 * frame as a hostile client would: every one is bounded, answered with a GOAWAY, a reset or a
 * status, and never reaches the application more than the limit allows.
 */
@OnSocketWires
class Http2LimitsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;
    private static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
    private static final int SETTINGS_MAX_HEADER_LIST_SIZE = 0x6;

    private final Wire wire;
    private final AtomicInteger served = new AtomicInteger();
    private final CompletableFuture<Response> slow = new CompletableFuture<>();
    /** Completed when the application of {@code /later} is to read the body it was sent. */
    private final CompletableFuture<Void> readNow = new CompletableFuture<>();
    private TestClient client;

    Http2LimitsTest(Wire wire) {
        this.wire = wire;
    }

    @AfterEach
    void stop() {
        slow.complete(Response.text("late"));
        readNow.complete(null);
        if (client != null) {
            client.close();
        }
    }

    private int serve(ServerSettings.Builder settings) {
        App app = App.builder()
            .settings(settings.build())
            .route(Route.get("/hello", Endpoint.sync(request -> {
                served.incrementAndGet();
                return Response.text("hello");
            })))
            .route(Route.post("/echo", request -> {
                served.incrementAndGet();
                return request.body().thenApply(body -> Response.bytes(body, "application/octet-stream"));
            }))
            .route(Route.post("/later", request -> readNow.thenCompose(go -> request.body())
                .thenApply(body -> Response.text(Integer.toString(body.length)))))
            .route(Route.get("/big", Endpoint.sync(request -> Response.bytes(new byte[200_000], "application/octet-stream"))))
            .route(Route.get("/slow", request -> {
                served.incrementAndGet();
                return slow;
            }))
            .build();
        client = TestClient.of(app, wire);
        return client.server().orElseThrow().port();
    }

    private int serve() {
        return serve(ServerSettings.builder());
    }

    private static boolean goAway(Frame frame, Http2Error error) {
        return frame.type() == GOAWAY && frame.errorCode() == error.code();
    }

    @Test
    void advertisesItsLimitsInItsSettings() throws Exception {
        int port = serve(ServerSettings.builder().maxHeaderSize(12_000));
        try (RawHttp2 h2 = RawHttp2.connect(port)) {
            Frame settings = h2.await(frame -> frame.type() == SETTINGS && frame.flags() == 0, PATIENCE);
            assertThat(settings).isNotNull();
            assertThat(settings.setting(SETTINGS_MAX_CONCURRENT_STREAMS)).isEqualTo(100);
            assertThat(settings.setting(SETTINGS_MAX_HEADER_LIST_SIZE)).isEqualTo(12_000);
        }
    }

    @Test
    void rapidResetIsCutOffWithEnhanceYourCalm() throws Exception {
        int port = serve();
        try (RawHttp2 h2 = RawHttp2.connect(port)) {
            // Streams opened and cancelled at once, a few more than the limit, in one write.
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            byte[] cancel = {0, 0, 0, (byte) Http2Error.CANCEL.code()};
            for (int i = 0; i < Http2Pipeline.MAX_RESETS_PER_WINDOW + 20; i++) {
                int stream = 2 * i + 1;
                burst.writeBytes(RawHttp2.frameBytes(HEADERS, END_HEADERS | END_STREAM, stream,
                    h2.block(new DefaultHttp2Headers().method("GET").path("/slow").scheme("http").authority("localhost"))));
                burst.writeBytes(RawHttp2.frameBytes(RST_STREAM, 0, stream, cancel));
            }
            h2.send(burst.toByteArray());
            assertThat(h2.await(frame -> goAway(frame, Http2Error.ENHANCE_YOUR_CALM), PATIENCE)).as("GOAWAY in %s", h2.received()).isNotNull();
            assertThat(h2.awaitClose(PATIENCE)).as("connection closed").isTrue();
        }
        assertThat(served.get()).as("requests that reached the app").isLessThanOrEqualTo(Http2Pipeline.MAX_RESETS_PER_WINDOW + 1);
    }

    @Test
    void continuationFloodOfSmallFramesIsCutOff() throws Exception {
        int port = serve();
        try (RawHttp2 h2 = RawHttp2.connect(port)) {
            ByteArrayOutputStream flood = new ByteArrayOutputStream();
            byte[] start = h2.block(new DefaultHttp2Headers().method("GET").path("/hello").scheme("http").authority("localhost"));
            flood.writeBytes(RawHttp2.frameBytes(HEADERS, END_STREAM, 1, start));
            for (int i = 0; i < Http2Pipeline.MAX_SMALL_CONTINUATION_FRAMES + 4; i++) {
                flood.writeBytes(RawHttp2.frameBytes(CONTINUATION, 0, 1, new byte[0]));
            }
            h2.send(flood.toByteArray());
            assertThat(h2.await(frame -> frame.type() == GOAWAY && frame.errorCode() != 0, PATIENCE)).as("GOAWAY in %s", h2.received()).isNotNull();
            assertThat(h2.awaitClose(PATIENCE)).isTrue();
        }
        assertThat(served.get()).isZero();
    }

    @Test
    void continuationFloodBeyondTheHeaderListSizeIsCutOff() throws Exception {
        int port = serve();
        try (RawHttp2 h2 = RawHttp2.connect(port)) {
            byte[] start = h2.block(new DefaultHttp2Headers().method("GET").path("/hello").scheme("http").authority("localhost"));
            h2.frame(HEADERS, END_STREAM, 1, start);
            // 6 x 4 KB: beyond the 16 KB header list size and its margin, in one write (the server reads it all before it answers).
            ByteArrayOutputStream flood = new ByteArrayOutputStream();
            byte[] literal = h2.block(new DefaultHttp2Headers().add("x-filler", "x".repeat(4_000)));
            for (int i = 0; i < 6; i++) {
                flood.writeBytes(RawHttp2.frameBytes(CONTINUATION, 0, 1, literal));
            }
            h2.send(flood.toByteArray());
            assertThat(h2.await(frame -> frame.type() == GOAWAY || frame.type() == RST_STREAM || "431".equals(frame.status()), PATIENCE))
                .as("refused in %s", h2.received()).isNotNull();
            assertThat(h2.awaitClose(PATIENCE)).isTrue();
        }
        assertThat(served.get()).isZero();
    }

    @Test
    void hpackBombIsAnswered431AndTheConnectionServesOn() throws Exception {
        int port = serve();
        try (RawHttp2 h2 = RawHttp2.connect(port)) {
            // One 4,000-byte field into the dynamic table, then 20 one-byte references to it: 80 KB decoded from 4 KB sent.
            DefaultHttp2Headers bomb = new DefaultHttp2Headers();
            bomb.method("GET").path("/hello").scheme("http").authority("localhost");
            for (int i = 0; i < 20; i++) {
                bomb.add("x-bomb", "b".repeat(4_000));
            }
            h2.frame(HEADERS, END_HEADERS | END_STREAM, 1, h2.block(bomb));
            Frame answer = h2.await(frame -> frame.stream() == 1 && (frame.type() == HEADERS || frame.type() == RST_STREAM), PATIENCE);
            assertThat(answer).isNotNull();
            assertThat(answer.status()).isEqualTo("431");
            h2.request(3, "GET", "/hello", true, new DefaultHttp2Headers());
            assertThat(h2.await(frame -> frame.stream() == 3 && frame.type() == HEADERS, PATIENCE).status()).isEqualTo("200");
        }
        assertThat(served.get()).as("only the second request reached the app").isEqualTo(1);
    }

    @Test
    void settingsFloodIsCutOffWithEnhanceYourCalm() throws Exception {
        int port = serve();
        floodOf(port, RawHttp2.frameBytes(SETTINGS, 0, 0, new byte[0]));
    }

    @Test
    void pingFloodIsCutOffWithEnhanceYourCalm() throws Exception {
        int port = serve();
        floodOf(port, RawHttp2.frameBytes(PING, 0, 0, new byte[8]));
    }

    private void floodOf(int port, byte[] frame) throws Exception {
        try (RawHttp2 h2 = RawHttp2.connect(port)) {
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < ConnectionGuard.MAX_CONTROL_FRAMES + 1; i++) {
                burst.writeBytes(frame);
            }
            h2.send(burst.toByteArray());
            assertThat(h2.await(f -> goAway(f, Http2Error.ENHANCE_YOUR_CALM), PATIENCE)).as("GOAWAY in %s", h2.received()).isNotNull();
            assertThat(h2.awaitClose(PATIENCE)).isTrue();
        }
    }

    @Test
    void emptyDataFramesAreCutOff() throws Exception {
        int port = serve();
        try (RawHttp2 h2 = RawHttp2.connect(port)) {
            h2.request(1, "POST", "/echo", false, new DefaultHttp2Headers());
            ByteArrayOutputStream empty = new ByteArrayOutputStream();
            for (int i = 0; i < Http2Pipeline.MAX_EMPTY_DATA_FRAMES + 2; i++) {
                empty.writeBytes(RawHttp2.frameBytes(DATA, 0, 1, new byte[0]));
            }
            h2.send(empty.toByteArray());
            assertThat(h2.await(frame -> frame.type() == GOAWAY && frame.errorCode() != 0, PATIENCE)).as("GOAWAY in %s", h2.received()).isNotNull();
            assertThat(h2.awaitClose(PATIENCE)).isTrue();
        }
    }

    @Test
    void aStreamThatNeverSendsItsBodyGets408() throws Exception {
        int port = serve(ServerSettings.builder().bodyTimeout(Duration.ofMillis(300)));
        try (RawHttp2 h2 = RawHttp2.connect(port)) {
            h2.request(1, "POST", "/echo", false, new DefaultHttp2Headers().add("content-length", "10"));
            Frame answer = h2.await(frame -> frame.stream() == 1 && frame.type() == HEADERS, PATIENCE);
            assertThat(answer).isNotNull();
            assertThat(answer.status()).isEqualTo("408");
            assertThat(h2.await(frame -> frame.stream() == 1 && frame.type() == RST_STREAM, PATIENCE))
                .as("the stream reset, so that the client stops").isNotNull();
            h2.request(3, "GET", "/hello", true, new DefaultHttp2Headers());
            assertThat(h2.await(frame -> frame.stream() == 3 && frame.type() == HEADERS, PATIENCE).status()).isEqualTo("200");
        }
    }

    @Test
    void aBodyNobodyReadsYetHoldsTheClientToOneWindow() throws Exception {
        int port = serve(ServerSettings.builder().maxBodySize(1 << 20));
        try (RawHttp2 h2 = RawHttp2.connect(port)) {
            h2.request(1, "POST", "/later", false, new DefaultHttp2Headers());
            int window = 65_535;
            for (int sent = 0; sent < window; sent += 16_384) {
                h2.frame(DATA, 0, 1, new byte[Math.min(16_384, window - sent)]);
            }
            assertThat(h2.await(frame -> frame.type() == WINDOW_UPDATE, Duration.ofMillis(300)))
                .as("window given back before the application read anything").isNull();

            readNow.complete(null);
            Frame update = h2.await(frame -> frame.type() == WINDOW_UPDATE && frame.stream() == 1, PATIENCE);
            assertThat(update).as("the stream's window given back once the application reads").isNotNull();
            h2.frame(DATA, END_STREAM, 1, new byte[1_000]);
            Frame answer = h2.await(frame -> frame.stream() == 1 && frame.type() == DATA, PATIENCE);
            assertThat(h2.await(frame -> frame.stream() == 1 && frame.type() == HEADERS, PATIENCE).status()).isEqualTo("200");
            assertThat(new String(answer.payload())).isEqualTo(Integer.toString(window + 1_000));
        }
    }

    @Test
    void aWindowThatNeverOpensResetsTheStreamAfterTheWriteTimeout() throws Exception {
        int port = serve(ServerSettings.builder().writeTimeout(Duration.ofMillis(300)));
        try (RawHttp2 h2 = RawHttp2.connect(port, SETTINGS_INITIAL_WINDOW_SIZE, 0)) {
            h2.request(1, "GET", "/big", true, new DefaultHttp2Headers());
            assertThat(h2.await(frame -> frame.stream() == 1 && frame.type() == HEADERS, PATIENCE).status()).isEqualTo("200");
            Frame reset = h2.await(frame -> frame.stream() == 1 && frame.type() == RST_STREAM, PATIENCE);
            assertThat(reset).as("stream reset in %s", h2.received()).isNotNull();
            assertThat(reset.errorCode()).isEqualTo(Http2Error.CANCEL.code());
            assertThat(h2.received()).noneMatch(frame -> frame.type() == DATA && frame.stream() == 1 && frame.payload().length > 0);
            h2.request(3, "GET", "/hello", true, new DefaultHttp2Headers());
            assertThat(h2.await(frame -> frame.stream() == 3 && frame.type() == HEADERS, PATIENCE).status())
                .as("the connection serves on").isEqualTo("200");
        }
    }

    @Test
    void streamsBeyondTheMaximumAreRefused() throws Exception {
        int port = serve(ServerSettings.builder().maxConcurrentStreams(2));
        try (RawHttp2 h2 = RawHttp2.connect(port)) {
            h2.await(frame -> frame.type() == SETTINGS && frame.flags() == 1, PATIENCE); // our settings acknowledged
            h2.request(1, "GET", "/slow", true, new DefaultHttp2Headers());
            h2.request(3, "GET", "/slow", true, new DefaultHttp2Headers());
            h2.request(5, "GET", "/slow", true, new DefaultHttp2Headers());
            Frame refused = h2.await(frame -> frame.type() == RST_STREAM, PATIENCE);
            assertThat(refused).isNotNull();
            assertThat(refused.stream()).isEqualTo(5);
            assertThat(refused.errorCode()).isEqualTo(Http2Error.REFUSED_STREAM.code());
            slow.complete(Response.text("done"));
            assertThat(h2.await(frame -> frame.stream() == 3 && frame.type() == HEADERS, PATIENCE).status()).isEqualTo("200");
        }
        assertThat(served.get()).isEqualTo(2);
    }

    @Test
    void closingTheServerSendsGoAwayAndLetsTheStreamInFlightFinish() throws Exception {
        int port = serve();
        try (RawHttp2 h2 = RawHttp2.connect(port)) {
            h2.request(1, "GET", "/slow", true, new DefaultHttp2Headers());
            while (served.get() == 0) {
                Thread.sleep(5);
            }
            Thread closer = new Thread(client::close);
            closer.start();
            Frame goAway = h2.await(frame -> frame.type() == GOAWAY, PATIENCE);
            assertThat(goAway).as("GOAWAY in %s", h2.received()).isNotNull();
            assertThat(goAway.errorCode()).isEqualTo(Http2Error.NO_ERROR.code());
            slow.complete(Response.text("finished"));
            assertThat(h2.await(frame -> frame.stream() == 1 && frame.type() == DATA, PATIENCE)).isNotNull();
            assertThat(new String(h2.await(frame -> frame.stream() == 1 && frame.type() == DATA, PATIENCE).payload())).isEqualTo("finished");
            assertThat(h2.awaitClose(PATIENCE)).as("closed once the stream is done").isTrue();
            closer.join(5_000);
            client = null;
        }
    }
}
