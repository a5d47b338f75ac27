package io.nettle.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keep-alive HTTP load of the soak: {@code connections} connections to the bench app, each
 * with one request in flight, paced to {@code ratePerSecond} in all. Each request is drawn
 * from a weighted catalogue of well-formed requests with a known answer: authenticated,
 * anonymous, wrong and malformed credentials on {@code /secure} and {@code /secure-async},
 * 404s, 405s with bodies (fixed length and chunked), HEAD, a redirect, a 426, dot segments
 * and invalid escapes (400), {@code Connection: close}. A status or body other than the
 * expected one, a connection closed before its response and a response later than
 * {@value #TIMEOUT_SECONDS} s are unexpected. A connection the server closes is reopened.
 */
final class SoakHttp {
    static final int TIMEOUT_SECONDS = 10;
    private static final String AUTH = WsClients.AUTHORIZATION;
    private static final String WRONG_PASSWORD = "Basic dG9tOndyb25n"; // tom:wrong
    private static final String MALFORMED = "Basic !!!";
    private static final String BEARER = "Bearer abc.def";
    private static final String HELLO = "Hello, World!";
    private static final String HELLO_TOM = "Hello, tom!";
    private static final byte[] BODY = new byte[64 * 1024];
    private static final List<Probe> PROBES = catalogue();

    static {
        ThreadLocalRandom.current().nextBytes(BODY);
    }

    /**
     * A request and its expected answer. {@code body} null: any body.
     * {@code bodyBytes} > 0 sends a body, as {@code chunked} or with {@code Content-Length}.
     */
    private record Probe(String name, HttpMethod method, String uri, String authorization, int bodyBytes,
                         boolean chunked, boolean close, int status, String body) {
        static Probe get(String uri, String authorization, int status, String body) {
            return new Probe("GET " + uri + (authorization == null ? "" : " [" + authorization + "]"),
                HttpMethod.GET, uri, authorization, 0, false, false, status, body);
        }

        static Probe withBody(HttpMethod method, String uri, String authorization, int bytes, boolean chunked, int status) {
            return new Probe(method + " " + uri + " " + bytes + " bytes" + (chunked ? " chunked" : ""),
                method, uri, authorization, bytes, chunked, false, status, null);
        }
    }

    private final Bootstrap bootstrap;
    private final SoakCounters counters;
    private final long intervalNanos;
    private final int connections;
    private final String host;
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running = true;

    SoakHttp(Bootstrap base, int connections, int ratePerSecond, SoakCounters counters) {
        this.connections = connections;
        this.counters = counters;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) * connections / Math.max(1, ratePerSecond);
        InetSocketAddress remote = (InetSocketAddress) base.config().remoteAddress();
        this.host = remote.getHostString() + ":" + remote.getPort();
        this.bootstrap = base.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), new Client());
            }
        });
    }

    void start() {
        for (int i = 0; i < connections; i++) {
            connect();
        }
    }

    /** Sends no further request, waits up to {@code graceMillis} for those in flight, then closes every connection. */
    void stop(long graceMillis) throws InterruptedException {
        running = false;
        long deadline = System.currentTimeMillis() + graceMillis;
        while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        for (Channel channel : channels) {
            channel.close().awaitUninterruptibly(5000);
        }
    }

    private void connect() {
        if (!running) {
            return;
        }
        bootstrap.connect().addListener(f -> {
            if (!f.isSuccess() && running) {
                counters.unexpected("http connect failed", String.valueOf(f.cause()));
                bootstrap.config().group().schedule(this::connect, 1, TimeUnit.SECONDS);
            }
        });
    }

    private static List<Probe> catalogue() {
        List<Probe> probes = new ArrayList<>();
        add(probes, 6, Probe.get("/plaintext", null, 200, HELLO));
        add(probes, 2, Probe.get("/json", null, 200, "{\"message\":\"Hello, World!\"}"));
        add(probes, 6, Probe.get("/secure", AUTH, 200, HELLO_TOM));
        add(probes, 6, Probe.get("/secure-async", AUTH, 200, HELLO_TOM));
        add(probes, 1, Probe.get("/secure-async?a=1&b=%20x", AUTH, 200, HELLO_TOM));
        add(probes, 1, Probe.get("/secure", null, 403, null));
        add(probes, 1, Probe.get("/secure-async", null, 403, null));
        add(probes, 1, Probe.get("/secure", WRONG_PASSWORD, 403, null));
        add(probes, 1, Probe.get("/secure-async", WRONG_PASSWORD, 403, null));
        add(probes, 1, Probe.get("/secure", BEARER, 403, null));
        add(probes, 1, Probe.get("/secure", MALFORMED, 400, null));
        add(probes, 1, Probe.get("/secure-async", MALFORMED, 400, null));
        add(probes, 1, Probe.get("/plaintext", MALFORMED, 200, HELLO));
        add(probes, 1, Probe.get("/no/such/path", null, 404, null));
        add(probes, 1, Probe.get("/secure/missing", AUTH, 404, null));
        add(probes, 1, Probe.get("/plaintext/", null, 307, null));
        add(probes, 1, Probe.get("/ws", AUTH, 426, null));
        add(probes, 1, Probe.get("/a/../plaintext", null, 400, null));
        add(probes, 1, Probe.get("/%zz", null, 400, null));
        add(probes, 1, new Probe("HEAD /plaintext", HttpMethod.HEAD, "/plaintext", null, 0, false, false, 200, ""));
        add(probes, 1, new Probe("DELETE /json", HttpMethod.DELETE, "/json", null, 0, false, false, 405, null));
        add(probes, 1, new Probe("GET /plaintext Connection: close", HttpMethod.GET, "/plaintext", null, 0, false, true, 200, HELLO));
        add(probes, 1, Probe.withBody(HttpMethod.POST, "/plaintext", null, 2048, false, 405));
        add(probes, 1, Probe.withBody(HttpMethod.POST, "/no/such/path", null, 16 * 1024, false, 404));
        add(probes, 1, Probe.withBody(HttpMethod.PUT, "/secure-async", AUTH, 4096, true, 405));
        add(probes, 1, Probe.withBody(HttpMethod.POST, "/secure", MALFORMED, 1024, true, 405));
        return List.copyOf(probes);
    }

    private static void add(List<Probe> probes, int weight, Probe probe) {
        for (int i = 0; i < weight; i++) {
            probes.add(probe);
        }
    }

    /** One keep-alive connection: sends a request, checks the answer, sends the next one when due. */
    private final class Client extends SimpleChannelInboundHandler<FullHttpResponse> {
        private Probe current;
        private ScheduledFuture<?> timeout;
        private long nextAt;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channels.add(ctx.channel());
            nextAt = System.nanoTime();
            send(ctx);
        }

        private void send(ChannelHandlerContext ctx) {
            if (!running || !ctx.channel().isActive()) {
                return;
            }
            Probe probe = PROBES.get(ThreadLocalRandom.current().nextInt(PROBES.size()));
            current = probe;
            inFlight.incrementAndGet();
            timeout = ctx.executor().schedule(() -> {
                if (current == probe) {
                    current = null;
                    inFlight.decrementAndGet();
                    counters.unexpected("http timeout", probe.name() + " on " + ctx.channel());
                    ctx.close();
                }
            }, TIMEOUT_SECONDS, TimeUnit.SECONDS);
            write(ctx, probe);
        }

        private void write(ChannelHandlerContext ctx, Probe probe) {
            HttpRequest request = probe.bodyBytes() > 0 && !probe.chunked()
                ? new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, probe.method(), probe.uri(),
                    Unpooled.wrappedBuffer(BODY, 0, probe.bodyBytes()))
                : probe.bodyBytes() > 0
                    ? new DefaultHttpRequest(HttpVersion.HTTP_1_1, probe.method(), probe.uri())
                    : new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, probe.method(), probe.uri());
            HttpHeaders headers = request.headers().set(HttpHeaderNames.HOST, host);
            if (probe.authorization() != null) {
                headers.set(HttpHeaderNames.AUTHORIZATION, probe.authorization());
            }
            if (probe.close()) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            if (probe.bodyBytes() > 0) {
                headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM);
            }
            if (probe.bodyBytes() == 0 || !probe.chunked()) {
                if (probe.bodyBytes() > 0) {
                    HttpUtil.setContentLength(request, probe.bodyBytes());
                }
                ctx.writeAndFlush(request);
                return;
            }
            HttpUtil.setTransferEncodingChunked(request, true);
            ctx.write(request);
            int chunk = Math.max(1, probe.bodyBytes() / 4);
            for (int offset = 0; offset < probe.bodyBytes(); offset += chunk) {
                int length = Math.min(chunk, probe.bodyBytes() - offset);
                ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(BODY, offset, length)));
            }
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            Probe probe = current;
            if (probe == null) {
                counters.unexpected("http response without request", response.status() + " on " + ctx.channel());
                ctx.close();
                return;
            }
            current = null;
            timeout.cancel(false);
            inFlight.decrementAndGet();
            counters.request();
            int status = response.status().code();
            counters.status(status);
            if (status != probe.status()) {
                counters.unexpected("http status", probe.name() + ": " + status + " instead of " + probe.status()
                    + ", body " + response.content().toString(StandardCharsets.UTF_8));
            } else if (probe.body() != null && !probe.body().equals(response.content().toString(StandardCharsets.UTF_8))) {
                counters.unexpected("http body", probe.name() + ": '" + response.content().toString(StandardCharsets.UTF_8) + "'");
            }
            if (probe.close() || !HttpUtil.isKeepAlive(response)) {
                ctx.close();
                return;
            }
            long now = System.nanoTime();
            nextAt += intervalNanos;
            if (nextAt < now - TimeUnit.SECONDS.toNanos(1)) {
                nextAt = now; // far behind (a GC pause, a slow minute): no burst to catch up
            }
            ctx.executor().schedule(() -> send(ctx), Math.max(0, nextAt - now), TimeUnit.NANOSECONDS);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            channels.remove(ctx.channel());
            Probe probe = current;
            if (probe != null) {
                current = null;
                timeout.cancel(false);
                inFlight.decrementAndGet();
                if (running) {
                    counters.unexpected("http closed before response", probe.name() + " on " + ctx.channel());
                }
            }
            if (running) {
                ctx.executor().schedule(SoakHttp.this::connect, 10, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Probe probe = current;
            if (probe != null) {
                current = null; // counted here, not again as closed before its response
                timeout.cancel(false);
                inFlight.decrementAndGet();
            }
            if (running) {
                counters.unexpected("http exception", cause + " on " + ctx.channel()
                    + (probe == null ? "" : " during " + probe.name()));
            }
            ctx.close();
        }
    }
}
