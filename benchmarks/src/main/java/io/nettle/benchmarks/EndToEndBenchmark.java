package io.nettle.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.examples.BenchExample;
import io.nettle.internal.AppRuntime;
import io.nettle.internal.server.ConnectionInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One request through a whole connection pipeline in memory: pre-encoded request bytes are
 * written into an {@link EmbeddedChannel} and the encoded response bytes read and released.
 * {@code nettle*}: the bench example's app behind {@link ConnectionInitializer} (the server's very
 * pipeline); {@code rawNetty*}: the raw Netty baseline's pipeline ({@link RawNettyHandler}).
 * Everything runs on the benchmark thread (the connection loop is trivial).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class EndToEndBenchmark {
    private static final ByteBuf PLAINTEXT = BenchSupport.wire("GET /plaintext HTTP/1.1\r\nHost: localhost\r\n\r\n");
    private static final ByteBuf SECURE = BenchSupport.wire(
        "GET /secure HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic dG9tOnNlY3JldA==\r\n\r\n");

    private EmbeddedChannel nettle;
    private EmbeddedChannel raw;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        verifyTomOnce();
        AppRuntime runtime = AppRuntime.of(BenchExample.app(ServerSettings.defaults()));
        nettle = new EmbeddedChannel(new ConnectionInitializer(runtime, channel -> BenchSupport.INLINE));
        raw = new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), RawNettyHandler.INSTANCE);
        for (EmbeddedChannel channel : new EmbeddedChannel[] {nettle, raw}) {
            expect(channel, PLAINTEXT, "HTTP/1.1 200", "Hello, World!");
            expect(channel, SECURE, "HTTP/1.1 200", "Hello, tom!");
        }
    }

    /**
     * The bench app verifies tom's Argon2id hash on its worker pool the first time, then answers
     * from its per-process cache of verified credentials: one request over a real socket fills
     * that cache, so that every {@code /secure} of the in-memory channel answers inline.
     */
    private static void verifyTomOnce() throws Exception {
        try (Server server = BenchExample.app(ServerSettings.defaults()).serve("127.0.0.1", 0)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/secure"))
                .header("Authorization", "Basic dG9tOnNlY3JldA==").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("unexpected response: " + response.statusCode() + " " + response.body());
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        nettle.finishAndReleaseAll();
        raw.finishAndReleaseAll();
    }

    private static void expect(EmbeddedChannel channel, ByteBuf request, String status, String body) {
        channel.writeInbound(request.duplicate());
        StringBuilder text = new StringBuilder();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            text.append(((ByteBuf) msg).toString(CharsetUtil.UTF_8));
            ReferenceCountUtil.release(msg);
        }
        if (!text.toString().startsWith(status) || !text.toString().endsWith(body)) {
            throw new IllegalStateException("unexpected response: " + text);
        }
    }

    /** Writes the request, drains and releases the response; answers the response's size. */
    private static int exchange(EmbeddedChannel channel, ByteBuf request) {
        channel.writeInbound(request.duplicate());
        int bytes = 0;
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            bytes += ((ByteBuf) msg).readableBytes();
            ReferenceCountUtil.release(msg);
        }
        return bytes;
    }

    @Benchmark
    public int nettlePlaintext() {
        return exchange(nettle, PLAINTEXT);
    }

    @Benchmark
    public int nettleSecure() {
        return exchange(nettle, SECURE);
    }

    @Benchmark
    public int rawNettyPlaintext() {
        return exchange(raw, PLAINTEXT);
    }

    @Benchmark
    public int rawNettySecure() {
        return exchange(raw, SECURE);
    }
}
