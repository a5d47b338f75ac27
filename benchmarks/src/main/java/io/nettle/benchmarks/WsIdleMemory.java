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
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What an idle authenticated WebSocket costs a server: opens {@code --connections} (default
 * 5,000) authenticated connections to {@code /ws} of the server with process id {@code --pid},
 * and compares the server's live heap after a full GC ({@code jcmd PID GC.class_histogram},
 * which collects first) and its RSS before and after. A warm-up of 200 connections opened and
 * closed first keeps class loading out of the difference.
 * <pre>java -cp benchmarks/target/nettle-benchmarks.jar io.nettle.benchmarks.WsIdleMemory --port 8080 --pid PID --connections 5000</pre>
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
        if (pid <= 0) {
            throw new IllegalArgumentException("--pid of the server is required");
        }
        try (WsClients clients = new WsClients(options.string("host", "127.0.0.1"), port, 1, Idle::new)) {
            closeAll(open(clients, 200));
            Thread.sleep(500);
            long heap0 = liveHeap(pid);
            long rss0 = ProcStat.rssBytes(pid);
            long t0 = System.nanoTime();
            List<Channel> channels = open(clients, count);
            long openMillis = (System.nanoTime() - t0) / 1_000_000;
            Thread.sleep(1000);
            long heap1 = liveHeap(pid);
            long rss1 = ProcStat.rssBytes(pid);
            long open = channels.stream().filter(Channel::isActive).count();
            System.out.printf("ws-idle %s connections=%d open=%d opened_in_ms=%d heap_before=%d heap_after=%d "
                    + "heap_per_conn_bytes=%.0f rss_before=%d rss_after=%d rss_per_conn_bytes=%.0f%n",
                label, count, open, openMillis, heap0, heap1, (heap1 - heap0) / (double) count, rss0, rss1,
                (rss1 - rss0) / (double) count);
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

    /** Bytes of live objects after the full GC that {@code GC.class_histogram} runs first. */
    static long liveHeap(int pid) throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.class_histogram").redirectErrorStream(true).start();
        long total = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jcmd.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
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
