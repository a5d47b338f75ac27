package io.nettle.benchmarks;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * WebSocket echo load: {@code --connections} (default 64) authenticated connections to
 * {@code /ws}, each keeping one text message in flight, for {@code --seconds} (default 5) after
 * a {@code --warmup} (default 2 s). Prints round trips per second, their p50 and p99 in µs, and
 * with {@code --pid} the server's CPU microseconds per round trip (from /proc/PID/stat).
 * <pre>java -cp benchmarks/target/nettle-benchmarks.jar io.nettle.benchmarks.WsEchoLoad --port 8080 --connections 64 --seconds 5</pre>
 */
public final class WsEchoLoad {
    private static final String MESSAGE = "Hello, World!";
    private static final AtomicLong ECHOES = new AtomicLong();
    private static final AtomicLong ERRORS = new AtomicLong();
    /** Round trips of the measured window by their time in µs (the last bucket: 100 ms and more). */
    private static final AtomicLongArray LATENCY_US = new AtomicLongArray(100_001);
    private static volatile boolean recording;

    private WsEchoLoad() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int port = options.integer("port", 8080);
        int connections = options.integer("connections", 64);
        int seconds = options.integer("seconds", 5);
        int warmup = options.integer("warmup", 2);
        int pid = options.integer("pid", 0);
        // One handshake alone first: a server that verifies the password once and then remembers
        // it (the bench contract) does so now, not once per connection of a burst of first handshakes.
        CountDownLatch primed = new CountDownLatch(1);
        try (WsClients primer = new WsClients(options.string("host", "127.0.0.1"), port, "/ws", 1, () -> new Pinger(primed))) {
            io.netty.channel.Channel first = primer.connect().sync().channel();
            if (!primed.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the first handshake did not complete");
            }
            first.close().sync();
        }
        CountDownLatch ready = new CountDownLatch(connections);
        try (WsClients clients = new WsClients(options.string("host", "127.0.0.1"), port, "/ws", 1, () -> new Pinger(ready))) {
            List<io.netty.channel.Channel> channels = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                channels.add(clients.connect().sync().channel());
            }
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException((connections - ready.getCount()) + " of " + connections + " handshakes completed");
            }
            Thread.sleep(warmup * 1000L);
            long cpu0 = pid > 0 ? ProcStat.cpuTicks(pid) : 0;
            long echoes0 = ECHOES.get();
            long t0 = System.nanoTime();
            recording = true;
            Thread.sleep(seconds * 1000L);
            recording = false;
            long echoes = ECHOES.get() - echoes0;
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long cpu = pid > 0 ? ProcStat.cpuTicks(pid) - cpu0 : 0;
            long open = channels.stream().filter(io.netty.channel.Channel::isActive).count();
            System.out.printf("ws-echo connections=%d open=%d seconds=%.1f roundtrips=%d rate=%.0f/s errors=%d%s p50_us=%d p99_us=%d%n",
                connections, open, elapsed, echoes, echoes / elapsed, ERRORS.get(),
                pid > 0 ? String.format(" server_cpu_us_per_roundtrip=%.2f", ProcStat.ticksToMicros(cpu) / Math.max(1, echoes)) : "",
                percentile(0.50), percentile(0.99));
            for (io.netty.channel.Channel channel : channels) {
                channel.close();
            }
        }
    }

    /** The round-trip time in µs below which {@code fraction} of the measured round trips fell. */
    private static long percentile(double fraction) {
        long total = 0;
        for (int i = 0; i < LATENCY_US.length(); i++) {
            total += LATENCY_US.get(i);
        }
        long wanted = (long) Math.ceil(total * fraction);
        long seen = 0;
        for (int i = 0; i < LATENCY_US.length(); i++) {
            seen += LATENCY_US.get(i);
            if (seen >= wanted && wanted > 0) {
                return i;
            }
        }
        return -1;
    }

    /** Sends a message once the handshake completes, and another each time the echo arrives (timing each round trip). */
    private static final class Pinger extends ChannelInboundHandlerAdapter {
        private final CountDownLatch ready;
        private long sentAt;

        Pinger(CountDownLatch ready) {
            this.ready = ready;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                ready.countDown();
                sentAt = System.nanoTime();
                ctx.writeAndFlush(new TextWebSocketFrame(MESSAGE));
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof TextWebSocketFrame text && text.text().equals(MESSAGE)) {
                    ECHOES.incrementAndGet();
                    long now = System.nanoTime();
                    if (recording) {
                        LATENCY_US.incrementAndGet((int) Math.min((now - sentAt) / 1000, LATENCY_US.length() - 1));
                    }
                    sentAt = now;
                    ctx.writeAndFlush(new TextWebSocketFrame(MESSAGE));
                } else {
                    ERRORS.incrementAndGet();
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ERRORS.incrementAndGet();
            ctx.close();
        }
    }
}
