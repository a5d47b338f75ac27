package io.nettle.benchmarks;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.broadcast.Broadcast;
import io.nettle.redis.Redis;
import io.nettle.websocket.WebSocketRoute;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fan-out latency: one message to {@code --subscribers} WebSocket subscribers (default 1,000)
 * spread evenly over two Nettle instances in this JVM, from the publish to the last delivery
 * (the last subscriber's client has the message; Netty clients, one thread per instance), for {@code --messages} messages published
 * one at a time. {@code --mode inprocess}: both instances share one {@code Broadcast.inProcess()}
 * (the one-instance baseline); {@code --mode redis --redis URI}: each instance has its own
 * connections to Redis and its {@code redis.broadcast()}, the publisher being on the first.
 * Prints one line: {@code fan-out MODE subscribers=N messages=M p50_us=.. p99_us=.. max_us=..}.
 */
public final class FanOutLatency {

    private FanOutLatency() {
    }

    public static void main(String[] argv) throws Exception {
        Options options = new Options(argv);
        String mode = options.string("mode", "inprocess");
        int subscribers = options.integer("subscribers", 1000);
        int messages = options.integer("messages", 300);
        int warmup = options.integer("warmup", 100);
        List<AutoCloseable> open = new ArrayList<>();
        try {
            Broadcast[] broadcasts = new Broadcast[2];
            if (mode.equals("redis")) {
                for (int i = 0; i < 2; i++) {
                    Redis redis = Redis.connect(options.string("redis", "redis://127.0.0.1:6379"));
                    open.add(redis);
                    broadcasts[i] = redis.broadcast();
                }
            } else {
                broadcasts[0] = broadcasts[1] = Broadcast.inProcess();
            }
            int[] ports = new int[2];
            for (int i = 0; i < 2; i++) {
                Broadcast broadcast = broadcasts[i];
                Server server = App.builder()
                    .settings(ServerSettings.builder().ioThreads(1).build())
                    .route(WebSocketRoute.of("/subscribe", ws -> {
                        ws.accept();
                        ws.subscribe(broadcast, "bench").thenRun(() -> ws.sendText("subscribed"));
                    }))
                    .build()
                    .serve("127.0.0.1", 0);
                open.add(server);
                ports[i] = server.port();
            }
            Deliveries deliveries = new Deliveries(subscribers);
            CountDownLatch subscribed = new CountDownLatch(subscribers);
            for (int i = 0; i < 2; i++) {
                // One client thread per instance, as many clients as subscribers on it.
                WsClients clients = new WsClients("127.0.0.1", ports[i], "/subscribe", 1, () -> deliveries.handler(subscribed));
                open.add(clients);
                for (int c = i; c < subscribers; c += 2) {
                    clients.connect().sync();
                }
            }
            if (!subscribed.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + (subscribers - subscribed.getCount()) + " of " + subscribers + " subscribed");
            }
            long[] latencies = new long[messages];
            for (int m = -warmup; m < messages; m++) {
                long published = deliveries.expect();
                broadcasts[0].publish("bench", Long.toString(published)).toCompletableFuture().get(5, TimeUnit.SECONDS);
                long last = deliveries.awaitLast(10, TimeUnit.SECONDS);
                if (m >= 0) {
                    latencies[m] = last - published;
                }
                Thread.sleep(5);   // one message at a time: no queueing behind the previous one
            }
            Arrays.sort(latencies);
            System.out.printf("fan-out %s subscribers=%d messages=%d p50_us=%d p99_us=%d max_us=%d%n", mode, subscribers, messages,
                latencies[messages / 2] / 1000, latencies[(int) Math.ceil(messages * 0.99) - 1] / 1000, latencies[messages - 1] / 1000);
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        }
    }

    /** Counts the deliveries of the message in flight and notes when the last one arrived. */
    private static final class Deliveries {
        private final int subscribers;
        private final AtomicLong received = new AtomicLong();
        private volatile CountDownLatch all;
        private volatile long lastAt;

        Deliveries(int subscribers) {
            this.subscribers = subscribers;
        }

        /** A new message is about to be published: its publish time (nanos). */
        long expect() {
            received.set(0);
            all = new CountDownLatch(1);
            return System.nanoTime();
        }

        long awaitLast(long timeout, TimeUnit unit) throws InterruptedException {
            if (!all.await(timeout, unit)) {
                throw new IllegalStateException("only " + received.get() + " of " + subscribers + " deliveries within " + timeout + " " + unit);
            }
            return lastAt;
        }

        ChannelHandler handler(CountDownLatch subscribed) {
            return new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                    if (frame.text().equals("subscribed")) {
                        subscribed.countDown();
                    } else if (received.incrementAndGet() == subscribers) {
                        lastAt = System.nanoTime();
                        all.countDown();
                    }
                }
            };
        }
    }
}
