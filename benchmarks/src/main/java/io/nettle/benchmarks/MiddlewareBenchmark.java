package io.nettle.benchmarks;

import io.netty.handler.codec.http.HttpRequest;
import io.nettle.App;
import io.nettle.http.Response;
import io.nettle.internal.AppRuntime;
import io.nettle.middleware.Middleware;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
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

/** The middleware chain: an app answering GET /plaintext behind N pass-through middleware. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MiddlewareBenchmark {
    private static final Response PLAINTEXT = Response.text("Hello, World!");

    @Param({"0", "1", "5", "10"})
    public int middleware;

    private AppRuntime runtime;
    private HttpRequest head;

    @Setup(Level.Trial)
    public void setUp() {
        App.Builder builder = App.builder().route(Route.get("/plaintext", Endpoint.sync(request -> PLAINTEXT)));
        for (int i = 0; i < middleware; i++) {
            Middleware pass = (request, next) -> next.handle(request);
            builder.middleware(pass);
        }
        runtime = AppRuntime.of(builder.build());
        head = BenchSupport.get("/plaintext");
    }

    @Benchmark
    public Response chain() {
        return BenchSupport.done(runtime.handle(BenchSupport.request(runtime, head)));
    }
}
