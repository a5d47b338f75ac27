package io.nettle.benchmarks;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The physical limit of the stack: the bench contract served by hand-written Netty (codec,
 * aggregator and one handler, {@link RawNettyHandler}), native epoll where it loads.
 * <pre>java -cp benchmarks/target/nettle-benchmarks.jar io.nettle.benchmarks.RawNettyServer --port 8081 --io-threads 1 [--transport nio|epoll]
 *     [--tls-cert FILE --tls-key FILE] [--files DIR]</pre>
 * With a certificate it serves TLS 1.3/1.2 with OpenSSL where it loads, as Nettle does. With
 * {@code --files DIR} it serves the files of {@code DIR} at {@code /static/NAME} (zero-copy
 * {@code FileRegion} on cleartext HTTP/1.1, see {@link RawNettyHandler}).
 * <p>HTTP/2 as Nettle serves it: over TLS, {@code h2} when ALPN picks it, HTTP/1.1 otherwise
 * (also for a client without ALPN); in cleartext, h2c with prior knowledge, i.e. a connection
 * whose first 24 bytes are the HTTP/2 connection preface (no {@code Upgrade: h2c}). The protocol
 * is settled once per connection, before its first request, and the pipeline of an HTTP/1.1
 * connection is then exactly the one without HTTP/2. An HTTP/2 connection is Netty's
 * {@code Http2FrameCodec} and {@code Http2MultiplexHandler}, at most 100 concurrent streams, each
 * stream a child channel converting frames to {@code FullHttpRequest}/{@code FullHttpResponse} for
 * the same {@link RawNettyHandler}.
 */
public final class RawNettyServer {
    private static final int MAX_CONCURRENT_STREAMS = 100;
    private static final int MAX_CONTENT = 1 << 20;

    /** One HTTP/2 stream: frames to and from HTTP/1-style full messages, then the bench contract. */
    private static final ChannelInitializer<Http2StreamChannel> STREAM = new ChannelInitializer<>() {
        @Override
        protected void initChannel(Http2StreamChannel ch) {
            ch.pipeline().addLast("h2-http", new Http2StreamFrameToHttpObjectCodec(true))
                .addLast("aggregator", new HttpObjectAggregator(MAX_CONTENT))
                .addLast("handler", RawNettyHandler.INSTANCE);
        }
    };

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
        if (options.has("files")) {
            Path files = Path.of(options.string("files", ""));
            if (!Files.isDirectory(files)) {
                throw new IllegalArgumentException("--files " + files + ": not a directory");
            }
            RawNettyHandler.files(files);
        }
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        SslContext tls = options.has("tls-cert")
            ? SslContextBuilder.forServer(new File(options.string("tls-cert", "")), new File(options.string("tls-key", "")))
                .sslProvider(provider).protocols("TLSv1.3", "TLSv1.2")
                // The only failure behaviours OpenSSL supports; no common protocol: no ALPN, HTTP/1.1.
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                .build()
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
                        ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()))
                            .addLast("alpn", new Alpn());
                    } else {
                        ch.pipeline().addLast("prior-knowledge", new PriorKnowledge());
                    }
                }
            });
        Channel server = bootstrap.bind(host, port).sync().channel();
        System.out.printf("RawNettyServer serving on %s://%s:%d (%s, %d io thread(s), %s)%n", tls != null ? "https" : "http",
            host, port, epoll ? "epoll" : "nio", ioThreads,
            tls != null ? "TLS by " + (provider == SslProvider.OPENSSL ? OpenSsl.versionString() : "the JDK") + ", ALPN h2, http/1.1"
                : "HTTP/1.1, h2c with prior knowledge");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close().syncUninterruptibly();
            boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }));
        server.closeFuture().sync();
    }

    /** The HTTP/1.1 pipeline, the same as before HTTP/2 existed. */
    static void http1(ChannelPipeline pipeline) {
        pipeline.addLast("http", new HttpServerCodec())
            .addLast("aggregator", new HttpObjectAggregator(MAX_CONTENT))
            .addLast("handler", RawNettyHandler.INSTANCE);
    }

    /** The HTTP/2 pipeline of a connection: the frame codec (it reads the client's preface), then one child channel per stream. */
    static void http2(ChannelPipeline pipeline) {
        pipeline.addLast("h2", Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(MAX_CONCURRENT_STREAMS))
                .build())
            .addLast("h2-streams", new Http2MultiplexHandler(STREAM));
    }

    /** After the TLS handshake: {@code h2} if ALPN chose it, HTTP/1.1 otherwise. Buffers what arrives before, then removes itself. */
    static final class Alpn extends ApplicationProtocolNegotiationHandler {
        Alpn() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                http2(ctx.pipeline());
            } else if (ApplicationProtocolNames.HTTP_1_1.equals(protocol)) {
                http1(ctx.pipeline());
            } else {
                throw new IllegalStateException("unexpected application protocol: " + protocol);
            }
        }
    }

    /**
     * The first bytes of a cleartext connection: the HTTP/2 connection preface makes it h2c (the
     * preface is left for the frame codec), anything that stops matching it is HTTP/1.1. Waits
     * only while what came so far is a prefix of the preface; then hands over the bytes and leaves.
     */
    static final class PriorKnowledge extends ByteToMessageDecoder {
        private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int preface = PREFACE.readableBytes();
            int n = Math.min(in.readableBytes(), preface);
            boolean h2 = ByteBufUtil.equals(in, in.readerIndex(), PREFACE, PREFACE.readerIndex(), n);
            if (h2 && n < preface) {
                return;
            }
            if (h2) {
                http2(ctx.pipeline());
            } else {
                http1(ctx.pipeline());
            }
            ctx.pipeline().remove(this);
        }
    }
}
