package io.nettle.benchmarks;

import static io.nettle.auth.Guard.requires;

import io.netty.handler.codec.http.HttpRequest;
import io.nettle.App;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.auth.backends.BasicAuthBackend;
import io.nettle.http.Response;
import io.nettle.internal.AppRuntime;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Mount;
import io.nettle.routing.Route;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code AuthenticationMiddleware} with a Basic backend answering with a completed stage, and
 * {@code requires("authenticated")}, as in the bench example's {@code /secure}; {@code open}
 * is the same app's unauthenticated {@code /plaintext} for comparison, {@code anonymous} the 403.
 * {@code deferred} is {@code /secure-async}'s path: the backend's stage is still pending when the
 * middleware gets it and completes afterwards (here on the same thread, so that the benchmark
 * measures the continuations and what they allocate, not a thread hand-off).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class AuthBenchmark {
    private static final Response PLAINTEXT = Response.text("Hello, World!");
    private static final Optional<AuthResult> TOM = Optional.of(AuthResult.user("tom", "authenticated"));

    private AppRuntime runtime;
    private HttpRequest secure;
    private HttpRequest anonymous;
    private HttpRequest open;
    private HttpRequest deferredSecure;
    private CompletableFuture<Optional<AuthResult>> pending;

    @Setup(Level.Trial)
    @SuppressWarnings("deprecation") // plain passwords: this measures the backend's parsing, not password hashing
    public void setUp() {
        BasicAuthBackend.Verifier tom = BasicAuthBackend.Verifier.passwords(
            Map.of("tom", "secret"), user -> AuthResult.user(user, "authenticated"));
        Endpoint hello = Endpoint.sync(request -> Response.text("Hello, " + request.user().displayName() + "!"));
        runtime = AppRuntime.of(App.builder()
            .route(Route.get("/plaintext", Endpoint.sync(request -> PLAINTEXT)))
            .route(Mount.of("/secure", Route.get("", requires("authenticated", hello)))
                .middleware(new AuthenticationMiddleware(new BasicAuthBackend(tom))))
            .route(Mount.of("/deferred", Route.get("", requires("authenticated", hello)))
                .middleware(new AuthenticationMiddleware(connection -> pending = new CompletableFuture<>())))
            .build());
        secure = BenchSupport.get("/secure", "Authorization", "Basic dG9tOnNlY3JldA==");
        anonymous = BenchSupport.get("/secure");
        open = BenchSupport.get("/plaintext");
        deferredSecure = BenchSupport.get("/deferred");
        if (deferred().status() != 200) {
            throw new IllegalStateException("/deferred did not answer 200");
        }
        check(secure, 200);
        check(anonymous, 403);
        check(open, 200);
    }

    private void check(HttpRequest head, int status) {
        int got = BenchSupport.done(runtime.handle(BenchSupport.request(runtime, head))).status();
        if (got != status) {
            throw new IllegalStateException(head.uri() + " answered " + got + ", expected " + status);
        }
    }

    @Benchmark
    public Response secure() {
        return BenchSupport.done(runtime.handle(BenchSupport.request(runtime, secure)));
    }

    @Benchmark
    public Response anonymous() {
        return BenchSupport.done(runtime.handle(BenchSupport.request(runtime, anonymous)));
    }

    @Benchmark
    public Response deferred() {
        CompletionStage<Response> stage = runtime.handle(BenchSupport.request(runtime, deferredSecure));
        pending.complete(TOM);
        return BenchSupport.done(stage);
    }

    @Benchmark
    public Response open() {
        return BenchSupport.done(runtime.handle(BenchSupport.request(runtime, open)));
    }
}
