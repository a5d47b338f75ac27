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
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.File;

/**
 * The physical limit of the stack: the bench contract served by hand-written Netty (codec,
 * aggregator and one handler, {@link RawNettyHandler}), native epoll where it loads.
 * <pre>java -cp benchmarks/target/nettle-benchmarks.jar io.nettle.benchmarks.RawNettyServer --port 8081 --io-threads 1 [--transport nio|epoll]
 *     [--tls-cert FILE --tls-key FILE]</pre>
 * With a certificate it serves TLS 1.3/1.2 with OpenSSL where it loads, as Nettle does.
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
        SslContext tls = options.has("tls-cert")
            ? SslContextBuilder.forServer(new File(options.string("tls-cert", "")), new File(options.string("tls-key", "")))
                .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK).protocols("TLSv1.3", "TLSv1.2").build()
            : null;
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
                    if (tls != null) {
                        ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                    }
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
