package io.nettle.benchmarks;

import io.netty.handler.codec.http.HttpRequest;
import io.nettle.App;
import io.nettle.http.Response;
import io.nettle.internal.AppRuntime;
import io.nettle.internal.routing.BenchAccess;
import io.nettle.internal.routing.PathSegments;
import io.nettle.internal.routing.RouteTrie;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Route matching with 10, 100 and 1,000 templates (a mix of literal and parameter templates,
 * see {@link BenchSupport#templates}); the path looked up belongs to the last resource added,
 * the worst case for a linear scan. Must stay flat in the number of routes.
 * <ul>
 *   <li>{@code trieMatch}: the route trie alone, on decoded segments;</li>
 *   <li>{@code decodeAndMatch}: percent-decoding the path into segments, then the trie;</li>
 *   <li>{@code appDispatch}: a whole app (no middleware) answering a request for that path.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class RoutingBenchmark {
    private static final Response OK = Response.text("ok");

    @Param({"10", "100", "1000", "10000"})
    public int routes;

    /** {@code literal}: /api/vK/resN/search; {@code param}: /api/vK/resN/42/items/abc. */
    @Param({"literal", "param"})
    public String path;

    private RouteTrie trie;
    private String rawPath;
    private String[] segments;
    private AppRuntime runtime;
    private HttpRequest head;

    @Setup(Level.Trial)
    public void setUp() {
        List<String> templates = BenchSupport.templates(routes);
        trie = BenchAccess.trie(templates);
        int r = BenchSupport.lastResource(routes);
        String base = "/api/v" + (r % 3 + 1) + "/res" + r;
        rawPath = path.equals("literal") ? base + "/search" : base + "/42/items/abc";
        segments = PathSegments.decode(rawPath);
        if (trie.match(segments) == null) {
            throw new IllegalStateException("no route for " + rawPath + " among " + routes);
        }
        App.Builder builder = App.builder();
        Endpoint ok = Endpoint.sync(request -> OK);
        for (String template : templates) {
            builder.route(Route.get(template, ok));
        }
        runtime = AppRuntime.of(builder.build());
        head = BenchSupport.get(rawPath);
        if (BenchSupport.done(runtime.handle(BenchSupport.request(runtime, head))).status() != 200) {
            throw new IllegalStateException("the app does not answer " + rawPath);
        }
    }

    @Benchmark
    public RouteTrie.Match trieMatch() {
        return trie.match(segments);
    }

    @Benchmark
    public RouteTrie.Match decodeAndMatch() {
        return trie.match(PathSegments.decode(rawPath));
    }

    @Benchmark
    public Response appDispatch() {
        return BenchSupport.done(runtime.handle(BenchSupport.request(runtime, head)));
    }
}
