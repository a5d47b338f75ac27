package io.nettle.benchmarks;

import io.nettle.security.CookieSigner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The session cookie's signature, which {@code SessionMiddleware} checks on every request that
 * carries one and computes on every response that changes the session: {@code verify} of a value
 * signed by the current key, {@code verifyRotated} of one signed by the older of two keys, and
 * {@code sign}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class CookieSignerBenchmark {
    private static final byte[] PAYLOAD = "{\"user\":\"tom\",\"exp\":1795000000}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEW_KEY = "a key of 32 bytes for the bench!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OLD_KEY = "the key used before the rotation".getBytes(StandardCharsets.US_ASCII);

    private final CookieSigner signer = new CookieSigner(List.of(NEW_KEY, OLD_KEY));
    private final String current = signer.sign("session", PAYLOAD);
    private final String rotated = new CookieSigner(List.of(OLD_KEY)).sign("session", PAYLOAD);

    @Benchmark
    public Object verify() {
        return signer.verify("session", current).orElseThrow();
    }

    @Benchmark
    public Object verifyRotated() {
        return signer.verify("session", rotated).orElseThrow();
    }

    @Benchmark
    public String sign() {
        return signer.sign("session", PAYLOAD);
    }
}
