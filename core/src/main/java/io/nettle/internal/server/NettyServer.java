package io.nettle.internal.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.Tls;
import io.nettle.internal.AppRuntime;
import io.nettle.internal.exchange.ConnectionEvent;
import io.nettle.internal.http1.ConnectionRefusal;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Netty server behind {@link Server}: one boss thread, the I/O event loops, and graceful shutdown. */
public final class NettyServer implements Server {
    private static final Logger LOG = LoggerFactory.getLogger(NettyServer.class);
    /** How often the TLS files are checked for changes. */
    private static final long TLS_CHECK_SECONDS = 2;

    private final AppRuntime app;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final OpenConnections connections = new OpenConnections();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final String transport;
    private final InetSocketAddress address;
    /** The server's TLS contexts, or {@code null} for cleartext. */
    private final TlsContexts tls;
    /** The cleartext listener redirecting to HTTPS, or {@code null}. */
    private final Channel redirectChannel;
    private boolean closing;

    private NettyServer(AppRuntime app, String host, int port, ServerSettings.Transport wanted) throws InterruptedException {
        LeakDetection.offUnlessAsked();
        this.app = app;
        this.tls = app.settings().tls().map(settings -> new TlsContexts(settings, app.settings().http2())).orElse(null);
        Function<Channel, ChannelHandler> tlsHandler = tls == null ? null : channel -> tls.newHandler(channel.alloc());
        Transports.Choice choice = Transports.choose(wanted);
        this.transport = choice.name();
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("nettle-accept", true), choice.ioHandler());
        this.workers = new MultiThreadIoEventLoopGroup(app.settings().ioThreads(),
            new DefaultThreadFactory("nettle-io", true), choice.ioHandler());
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(boss, workers)
            .channel(choice.channel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.AUTO_READ, false)
            .childHandler(new io.netty.channel.ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel channel) {
                    if (!connections.admit(channel, app.settings().maxConnections())) {
                        if (tlsHandler == null) {
                            channel.pipeline().addLast(ConnectionRefusal.INSTANCE);
                        } else {
                            // No answer is possible before a handshake the server will not make.
                            channel.close();
                        }
                        return;
                    }
                    channel.pipeline().addLast(new ConnectionInitializer(app, ch -> new EventLoopConnectionLoop(ch.eventLoop()), tlsHandler));
                }
            });
        try {
            this.serverChannel = bootstrap.bind(host, port).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
        this.address = (InetSocketAddress) serverChannel.localAddress();
        java.util.OptionalInt redirectPort = app.settings().tls().map(Tls::redirectHttpPort).orElse(java.util.OptionalInt.empty());
        try {
            this.redirectChannel = redirectPort.isPresent() ? bindRedirect(choice, host, redirectPort.getAsInt()) : null;
        } catch (RuntimeException e) {
            serverChannel.close().syncUninterruptibly();
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
        if (tls != null) {
            TlsFileWatch watch = new TlsFileWatch(tls.files());
            boss.scheduleAtFixedRate(() -> {
                if (watch.changed()) {
                    tls.reloadOrKeep();
                }
            }, TLS_CHECK_SECONDS, TLS_CHECK_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** The cleartext listener that sends every request to HTTPS on this server's port. */
    private Channel bindRedirect(Transports.Choice choice, String host, int redirectPort) {
        int httpsPort = address.getPort();
        ServerBootstrap redirect = new ServerBootstrap()
            .group(boss, workers)
            .channel(choice.channel())
            .option(ChannelOption.SO_REUSEADDR, true)
            .childHandler(new io.netty.channel.ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel channel) {
                    connections.add(channel);
                    channel.pipeline().addLast(new HttpServerCodec(), new HttpsRedirect(httpsPort));
                }
            });
        try {
            return redirect.bind(host, redirectPort).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the HTTPS redirect port", e);
        }
    }

    @Override
    public void reloadTls() {
        if (tls == null) {
            throw new IllegalStateException("this server has no TLS to reload: give ServerSettings.builder().tls(...)");
        }
        tls.reload();
        LOG.info("TLS certificates reloaded from {}", tls.files());
    }

    /** Runs the app's startup hooks and binds, on the transport of the app's settings. */
    public static NettyServer start(AppRuntime app, String host, int port) {
        return start(app, host, port, app.settings().transport());
    }

    /** Runs the app's startup hooks and binds, on {@code transport} whatever the app's settings say. */
    public static NettyServer start(AppRuntime app, String host, int port, ServerSettings.Transport transport) {
        try {
            app.runStartupHooks();
            NettyServer server = new NettyServer(app, host, port, transport);
            LOG.info("Nettle serving on {}://{}:{} ({})", server.tls == null ? "http" : "https", server.host(), server.port(),
                server.transport);
            if (server.tls != null) {
                LOG.info("TLS 1.3 and 1.2 with {}", server.tls.providerDescription());
            }
            return server;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the server", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the server on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int port() {
        return address.getPort();
    }

    @Override
    public String host() {
        return address.getHostString();
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public void awaitShutdown() throws InterruptedException {
        // A JVM shutdown (SIGTERM, Ctrl-C) would otherwise cut the requests in flight and skip the
        // onShutdown hooks: while someone waits here, it closes the server gracefully first.
        Thread drain = new Thread(this::close, "nettle-shutdown");
        Runtime.getRuntime().addShutdownHook(drain);
        try {
            closed.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(drain);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running (or ran): the JVM is shutting down.
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            // Connections are told first, so that any response written after the port closed says Connection: close.
            connections.forEach(channel -> channel.pipeline().fireUserEventTriggered(ConnectionEvent.DRAIN));
            serverChannel.close().syncUninterruptibly();
            if (redirectChannel != null) {
                redirectChannel.close().syncUninterruptibly();
            }
            // Again, for connections accepted in between (draining twice does nothing more).
            connections.forEach(channel -> channel.pipeline().fireUserEventTriggered(ConnectionEvent.DRAIN));
            long deadline = System.nanoTime() + app.settings().shutdownGracePeriod().toNanos();
            while (!connections.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            if (!connections.isEmpty()) {
                LOG.warn("Closing {} connection(s) still busy after the shutdown grace period", connections.size());
                connections.closeAll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            try {
                app.runShutdownHooks();
            } catch (Exception e) {
                LOG.error("A shutdown hook failed", e);
            }
            closed.countDown();
        }
    }
}
