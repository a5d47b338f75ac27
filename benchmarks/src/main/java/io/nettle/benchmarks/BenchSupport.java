package io.nettle.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.CharsetUtil;
import io.nettle.http.ClientAddress;
import io.nettle.http.ConnectionExecutor;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.internal.AppRuntime;
import io.nettle.internal.BodySource;
import io.nettle.internal.RequestState;
import io.nettle.internal.ServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Shared fixtures of the JMH benchmarks. */
final class BenchSupport {
    /** The loop of an in-memory connection driven by the benchmark thread: everything runs inline. */
    static final ConnectionExecutor INLINE = new ConnectionExecutor() {
        @Override
        public boolean inLoop() {
            return true;
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        /** The benchmarks complete every stage at once: no timer ever fires. */
        @Override
        public Cancellable timeout(Runnable onExpiry, long delay, java.util.concurrent.TimeUnit unit) {
            return () -> { };
        }
    };
    static final BodySource NO_BODY = () -> CompletableFuture.completedFuture(new byte[0]);
    static final ClientAddress CLIENT = new ClientAddress("127.0.0.1", 40000);

    private BenchSupport() {
    }

    /** A GET head with a Host header and the given extra header pairs. */
    static HttpRequest get(String uri, String... headerPairs) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set("Host", "localhost");
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(headerPairs[i], headerPairs[i + 1]);
        }
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri, headers);
    }

    /** What the connection handler does per request before the app runs: a state and a request around the head. */
    static Request request(AppRuntime runtime, HttpRequest head) {
        return new ServerRequest(new RequestState(head, runtime, INLINE, false, CLIENT, "127.0.0.1", 8000, NO_BODY));
    }

    /** The response of a stage that must already be complete. */
    static Response done(CompletionStage<Response> stage) {
        return stage.toCompletableFuture().getNow(null);
    }

    /** Raw bytes of a request, in a buffer that never frees (each use takes a duplicate). */
    static ByteBuf wire(String request) {
        byte[] bytes = request.getBytes(CharsetUtil.US_ASCII);
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(bytes.length).writeBytes(bytes));
    }

    /**
     * A realistic mix of {@code count} templates: per resource a collection, an item (int id),
     * a literal sub-collection, a sub-item (str) and a file path; plus a few fixed literals.
     */
    static List<String> templates(int count) {
        List<String> templates = new ArrayList<>(count);
        String[] fixed = {"/", "/health", "/login", "/logout", "/static/{file:path}"};
        for (int i = 0; i < fixed.length && templates.size() < count; i++) {
            templates.add(fixed[i]);
        }
        for (int r = 0; templates.size() < count; r++) {
            String base = "/api/v" + (r % 3 + 1) + "/res" + r;
            String[] perResource = {base, base + "/{id:int}", base + "/{id:int}/items", base + "/{id:int}/items/{item}",
                base + "/search"};
            for (int i = 0; i < perResource.length && templates.size() < count; i++) {
                templates.add(perResource[i]);
            }
        }
        return templates;
    }

    /** The index of the last resource that {@link #templates} fully adds for {@code count}. */
    static int lastResource(int count) {
        return (count - 5) / 5 - 1;
    }
}
