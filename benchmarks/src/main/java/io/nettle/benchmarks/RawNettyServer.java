package io.nettle.benchmarks;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The physical limit of the stack: the bench contract served by hand-written Netty (codec,
 * aggregator and one handler, {@link RawNettyHandler}), native epoll where it loads.
 * <pre>java -cp benchmarks/target/nettle-benchmarks.jar io.nettle.benchmarks.RawNettyServer --port 8081 --io-threads 1 [--transport nio|epoll]</pre>
 */
public final class RawNettyServer {
    private RawNettyServer() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int port = options.integer("port", 8081);
        int ioThreads = options.integer("io-threads", 1);
        String host = options.string("host", "127.0.0.1");
        boolean epoll = !options.string("transport", "epoll").equals("nio") && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("raw-accept", true), io);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("raw-io", true), io);
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(boss, workers)
            .channel(channel)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast("http", new HttpServerCodec())
                        .addLast("aggregator", new HttpObjectAggregator(1 << 20))
                        .addLast("handler", RawNettyHandler.INSTANCE);
                }
            });
        Channel server = bootstrap.bind(host, port).sync().channel();
        System.out.printf("RawNettyServer serving on http://%s:%d (%s, %d io thread(s))%n", host, port,
            epoll ? "epoll" : "nio", ioThreads);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close().syncUninterruptibly();
            boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }));
        server.closeFuture().sync();
    }
}
