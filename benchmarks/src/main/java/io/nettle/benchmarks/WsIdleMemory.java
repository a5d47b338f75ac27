package io.nettle.benchmarks;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What an idle authenticated WebSocket costs a server: opens {@code --connections} (default
 * 5,000) authenticated connections to {@code /ws} of the server with process id {@code --pid},
 * and compares the server's live heap after a full GC ({@code jcmd PID GC.class_histogram},
 * which collects first) and its RSS before and after. A warm-up of 200 connections opened and
 * closed first keeps class loading out of the difference, and the baseline is taken once the
 * server's live heap has settled. {@code --histogram N} also prints the
 * N classes whose live bytes grew most, per connection (where the memory goes).
 * <pre>java -cp benchmarks/target/nettle-benchmarks.jar io.nettle.benchmarks.WsIdleMemory --port 8080 --pid PID --connections 5000 [--histogram 25]</pre>
 */
public final class WsIdleMemory {
    private WsIdleMemory() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int port = options.integer("port", 8080);
        int pid = options.integer("pid", 0);
        int count = options.integer("connections", 5000);
        String label = options.string("label", "server");
        int histogram = options.integer("histogram", 0);
        if (pid <= 0) {
            throw new IllegalArgumentException("--pid of the server is required");
        }
        try (WsClients clients = new WsClients(options.string("host", "127.0.0.1"), port, "/ws", 1, Idle::new)) {
            // One handshake alone first: a server that verifies the password once (the bench contract's
            // cache) does it now, rather than once per warm-up connection still running at the baseline.
            closeAll(open(clients, 1));
            closeAll(open(clients, 200));
            Map<String, long[]> classes0 = new HashMap<>();
            long heap0 = settledHeap(pid, classes0);
            long rss0 = ProcStat.rssBytes(pid);
            long t0 = System.nanoTime();
            List<Channel> channels = open(clients, count);
            long openMillis = (System.nanoTime() - t0) / 1_000_000;
            Thread.sleep(1000);
            Map<String, long[]> classes1 = new HashMap<>();
            long heap1 = liveHeap(pid, classes1);
            long rss1 = ProcStat.rssBytes(pid);
            long open = channels.stream().filter(Channel::isActive).count();
            System.out.printf("ws-idle %s connections=%d open=%d opened_in_ms=%d heap_before=%d heap_after=%d "
                    + "heap_per_conn_bytes=%.0f rss_before=%d rss_after=%d rss_per_conn_bytes=%.0f%n",
                label, count, open, openMillis, heap0, heap1, (heap1 - heap0) / (double) count, rss0, rss1,
                (rss1 - rss0) / (double) count);
            if (histogram > 0) {
                System.out.printf("top %d classes by live bytes added per connection (%s):%n", histogram, label);
                classes1.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), new long[] {
                        e.getValue()[0] - classes0.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - classes0.getOrDefault(e.getKey(), new long[2])[1]}))
                    .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                    .limit(histogram)
                    .forEach(e -> System.out.printf("  %8.1f B/conn %6.2f obj/conn  %s%n",
                        e.getValue()[1] / (double) count, e.getValue()[0] / (double) count, e.getKey()));
            }
            closeAll(channels);
        }
    }

    /** Opens {@code count} connections, at most 256 handshakes at a time, and waits for every handshake. */
    private static List<Channel> open(WsClients clients, int count) throws InterruptedException {
        List<Channel> channels = new ArrayList<>(count);
        Semaphore inFlight = new Semaphore(256);
        CountDownLatch done = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            ChannelFuture connect = clients.connect();
            Channel channel = connect.channel();
            channels.add(channel);
            channel.attr(Idle.READY).set(() -> {
                inFlight.release();
                done.countDown();
            });
            connect.addListener(f -> {
                if (!f.isSuccess()) {
                    System.err.println("connect failed: " + f.cause());
                    inFlight.release();
                    done.countDown();
                }
            });
        }
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(done.getCount() + " handshakes did not complete");
        }
        return channels;
    }

    private static void closeAll(List<Channel> channels) {
        for (Channel channel : channels) {
            channel.close();
        }
        for (Channel channel : channels) {
            channel.closeFuture().awaitUninterruptibly(5000);
        }
    }

    /**
     * The live heap once the server is idle: read until two readings a second apart differ by less
     * than 1 MB (work still queued from the warm-up, such as password hashing, has ended), at most 30.
     */
    static long settledHeap(int pid, Map<String, long[]> classes) throws Exception {
        long previous = liveHeap(pid, classes);
        for (int i = 0; i < 30; i++) {
            Thread.sleep(1000);
            classes.clear();
            long now = liveHeap(pid, classes);
            if (Math.abs(now - previous) < 1_000_000) {
                return now;
            }
            previous = now;
        }
        throw new IllegalStateException("the server's live heap did not settle within 30 s");
    }

    /** Bytes of live objects after the full GC that {@code GC.class_histogram} runs first. */
    static long liveHeap(int pid, Map<String, long[]> classes) throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.class_histogram").redirectErrorStream(true).start();
        long total = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jcmd.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length >= 4 && cols[0].endsWith(":")) {
                    classes.put(cols[3], new long[] {Long.parseLong(cols[1]), Long.parseLong(cols[2])});
                }
                if (line.startsWith("Total")) {
                    String[] parts = line.trim().split("\\s+");
                    total = Long.parseLong(parts[2]);
                }
            }
        }
        jcmd.waitFor();
        if (total < 0) {
            throw new IllegalStateException("no histogram total from jcmd " + pid);
        }
        return total;
    }

    /** Holds the connection open and idle; signals once the handshake completed (or failed). */
    private static final class Idle extends ChannelInboundHandlerAdapter {
        static final io.netty.util.AttributeKey<Runnable> READY = io.netty.util.AttributeKey.valueOf("ready");
        private boolean signalled;

        private void signal(ChannelHandlerContext ctx) {
            if (!signalled) {
                signalled = true;
                Runnable ready = ctx.channel().attr(READY).get();
                if (ready != null) {
                    ready.run();
                }
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE
                || evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                signal(ctx);
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            signal(ctx);
            ctx.fireChannelInactive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
