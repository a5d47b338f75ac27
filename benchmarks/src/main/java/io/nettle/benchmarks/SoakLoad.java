package io.nettle.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The load driver of {@code benchmarks/soak.sh}: mixed traffic against the bench app on
 * {@code 127.0.0.1:--port} until {@code --stop-file} exists (or {@code --seconds}, a safety
 * limit, default 3,600, have passed): keep-alive HTTP ({@link SoakHttp}), WebSocket echo, churn and
 * denied handshakes ({@link SoakWebSocket}), garbage connections ({@link SoakGarbage}). The totals
 * ({@link SoakCounters}) are written to {@code --counters} every second and printed at the end;
 * unexpected outcomes are described on stderr. Rates (defaults): {@code --http-connections 16
 * --http-rate 2000} requests/s, {@code --ws-echo-connections 8 --ws-echo-rate 400} messages/s,
 * {@code --ws-churn 10 --ws-denied 5} connections/s, {@code --garbage-rate 10} connections/s on
 * {@code --garbage-threads 16}.
 * <pre>java -cp benchmarks/target/nettle-benchmarks.jar io.nettle.benchmarks.SoakLoad --port 8080 --counters c.txt --stop-file stop</pre>
 */
public final class SoakLoad {
    private SoakLoad() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int port = options.integer("port", 0);
        if (port <= 0) {
            throw new IllegalArgumentException("--port of the bench app on 127.0.0.1 is required");
        }
        Path countersFile = Path.of(options.string("counters", "soak-counters.txt"));
        Path stopFile = Path.of(options.string("stop-file", "soak-stop"));
        long limitNanos = TimeUnit.SECONDS.toNanos(options.integer("seconds", 3600));
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        SoakCounters counters = new SoakCounters();

        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("soak-client", true),
            epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Bootstrap base = new Bootstrap()
            .group(group)
            .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
            .remoteAddress(server);
        SoakHttp http = new SoakHttp(base, options.integer("http-connections", 16), options.integer("http-rate", 2000), counters);
        SoakWebSocket ws = new SoakWebSocket(base, options.integer("ws-echo-connections", 8), options.integer("ws-echo-rate", 400),
            options.integer("ws-churn", 10), options.integer("ws-denied", 5), counters);
        SoakGarbage garbage = new SoakGarbage(server, options.integer("garbage-rate", 10), options.integer("garbage-threads", 16), counters);
        try {
            http.start();
            ws.start();
            garbage.start();
            long start = System.nanoTime();
            while (!Files.exists(stopFile) && System.nanoTime() - start < limitNanos) {
                counters.writeTo(countersFile);
                Thread.sleep(1000);
            }
            garbage.stop();
            http.stop(TimeUnit.SECONDS.toMillis(SoakHttp.TIMEOUT_SECONDS));
            ws.stop();
            counters.writeTo(countersFile);
            System.out.print(counters.format());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
