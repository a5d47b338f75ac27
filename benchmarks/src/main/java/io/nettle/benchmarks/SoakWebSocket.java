package io.nettle.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WebSocket load of the soak on {@code /ws} of the bench app, three kinds of connection:
 * <ul>
 *   <li>echo: {@code echoConnections} authenticated connections open for the whole soak, each
 *       sending text (random length up to 2 KiB, multi-byte UTF-8 included) paced to
 *       {@code echoRate} messages/s in all, and a ping every 20 messages; every echo and pong must
 *       equal what was sent, in order;</li>
 *   <li>churn: {@code churnPerSecond} authenticated connections a second that echo 1 to 3 messages
 *       and close with 1000, expecting the server's close frame back;</li>
 *   <li>denied: {@code deniedPerSecond} handshakes a second without credentials, with a wrong
 *       password or with malformed credentials: the handshake completes (101), then the server must
 *       close with 1008.</li>
 * </ul>
 * Any other frame, close code or lost connection is unexpected. At most {@value #MAX_SHORT_LIVED}
 * churn and denied connections are open at once; each must end within {@value #TIMEOUT_SECONDS} s.
 */
final class SoakWebSocket {
    static final int MAX_SHORT_LIVED = 64;
    static final int TIMEOUT_SECONDS = 10;
    private static final String[] DENIED_CREDENTIALS = {null, "Basic dG9tOndyb25n", "Basic !!!"};
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz 0123456789 é ß € 漢字 𝄞 😀";

    private enum Kind { ECHO, CHURN, DENIED }

    private final Bootstrap base;
    private final URI uri;
    private final SoakCounters counters;
    private final int echoConnections;
    private final long echoIntervalNanos;
    private final int churnPerSecond;
    private final int deniedPerSecond;
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final AtomicInteger shortLived = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private volatile boolean running = true;

    SoakWebSocket(Bootstrap base, int echoConnections, int echoRate, int churnPerSecond, int deniedPerSecond,
                  SoakCounters counters) {
        this.base = base;
        InetSocketAddress remote = (InetSocketAddress) base.config().remoteAddress();
        this.uri = URI.create("ws://" + remote.getHostString() + ":" + remote.getPort() + "/ws");
        this.counters = counters;
        this.echoConnections = echoConnections;
        this.echoIntervalNanos = TimeUnit.SECONDS.toNanos(1) * echoConnections / Math.max(1, echoRate);
        this.churnPerSecond = churnPerSecond;
        this.deniedPerSecond = deniedPerSecond;
    }

    void start() {
        for (int i = 0; i < echoConnections; i++) {
            connect(Kind.ECHO, WsClients.AUTHORIZATION);
        }
        EventLoopGroup group = base.config().group();
        if (churnPerSecond > 0) {
            tasks.add(group.scheduleAtFixedRate(() -> openShortLived(Kind.CHURN, WsClients.AUTHORIZATION),
                0, 1_000_000 / churnPerSecond, TimeUnit.MICROSECONDS));
        }
        if (deniedPerSecond > 0) {
            tasks.add(group.scheduleAtFixedRate(() -> openShortLived(Kind.DENIED,
                    DENIED_CREDENTIALS[(int) (ids.get() % DENIED_CREDENTIALS.length)]),
                0, 1_000_000 / deniedPerSecond, TimeUnit.MICROSECONDS));
        }
    }

    /** Opens nothing more; closes every connection with 1000 and waits up to 5 s for the close handshakes. */
    void stop() {
        running = false;
        tasks.forEach(task -> task.cancel(false));
        for (Channel channel : channels) {
            channel.close(); // through WebSocketClientProtocolHandler: a close frame (1000) first
        }
        for (Channel channel : channels) {
            channel.closeFuture().awaitUninterruptibly(5000);
        }
    }

    private void openShortLived(Kind kind, String authorization) {
        if (shortLived.get() >= MAX_SHORT_LIVED) {
            return; // bounded: the server is slow, do not pile up more
        }
        shortLived.incrementAndGet();
        connect(kind, authorization);
    }

    private void connect(Kind kind, String authorization) {
        if (!running) {
            if (kind != Kind.ECHO) {
                shortLived.decrementAndGet();
            }
            return;
        }
        HttpHeaders headers = new DefaultHttpHeaders();
        if (authorization != null) {
            headers.set("Authorization", authorization);
        }
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .customHeaders(headers)
            .handleCloseFrames(false)
            .dropPongFrames(false)
            .handshakeTimeoutMillis(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS))
            .build();
        Peer peer = new Peer(kind, ids.incrementAndGet(), authorization);
        base.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                    new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(1 << 20), peer);
            }
        }).connect().addListener(f -> {
            if (!f.isSuccess()) {
                peer.fail("ws connect failed", String.valueOf(f.cause()));
                peer.ended();
            }
        });
    }

    /** One WebSocket connection of any kind, from handshake to close. */
    private final class Peer extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final Kind kind;
        private final long id;
        private final String authorization;
        private final ArrayDeque<String> expected = new ArrayDeque<>();
        private String expectedPong;
        private int sent;
        private int toSend;
        private long nextAt;
        private boolean closeSent;
        private boolean done;
        private boolean ended;
        private ScheduledFuture<?> deadline;

        Peer(Kind kind, long id, String authorization) {
            this.kind = kind;
            this.id = id;
            this.authorization = authorization;
            this.toSend = kind == Kind.CHURN ? 1 + ThreadLocalRandom.current().nextInt(3) : Integer.MAX_VALUE;
        }

        private String name() {
            return kind + "#" + id + (authorization == null ? " anonymous" : " [" + authorization + "]");
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channels.add(ctx.channel());
            if (kind != Kind.ECHO) {
                deadline = ctx.executor().schedule(() -> {
                    fail("ws timeout", name() + " not done after " + TIMEOUT_SECONDS + " s, sent " + sent);
                    ctx.close();
                }, TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            ctx.fireChannelActive();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                counters.status(101);
                counters.wsConnection();
                if (kind != Kind.DENIED) {
                    nextAt = System.nanoTime();
                    sendNext(ctx);
                }
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                fail("ws handshake timeout", name());
            }
            ctx.fireUserEventTriggered(evt);
        }

        private void sendNext(ChannelHandlerContext ctx) {
            if (!running || closeSent || !ctx.channel().isActive()) {
                return;
            }
            String text = message();
            expected.add(text);
            sent++;
            ctx.write(new TextWebSocketFrame(text));
            if (kind == Kind.ECHO && sent % 20 == 0 && expectedPong == null) {
                expectedPong = "ping-" + id + "-" + sent;
                ctx.write(new PingWebSocketFrame(Unpooled.copiedBuffer(expectedPong, StandardCharsets.UTF_8)));
            }
            ctx.flush();
        }

        private String message() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            StringBuilder sb = new StringBuilder(kind.name()).append('-').append(id).append('-').append(sent).append(':');
            int length = random.nextInt(8) == 0 ? random.nextInt(2048) : random.nextInt(64);
            while (sb.length() < length) {
                int i = random.nextInt(ALPHABET.length());
                sb.appendCodePoint(ALPHABET.codePointAt(Character.isLowSurrogate(ALPHABET.charAt(i)) ? i - 1 : i));
            }
            return sb.toString();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) {
                echoed(ctx, text.text());
            } else if (frame instanceof PongWebSocketFrame pong) {
                String payload = pong.content().toString(StandardCharsets.UTF_8);
                if (payload.equals(expectedPong)) {
                    counters.wsPong();
                    expectedPong = null;
                } else {
                    fail("ws pong mismatch", name() + ": '" + payload + "' instead of '" + expectedPong + "'");
                }
            } else if (frame instanceof CloseWebSocketFrame close) {
                closed(ctx, close.statusCode(), close.reasonText());
            } else {
                fail("ws unexpected frame", name() + ": " + frame);
            }
        }

        private void echoed(ChannelHandlerContext ctx, String text) {
            String want = expected.poll();
            if (kind == Kind.DENIED || !text.equals(want)) {
                fail("ws echo mismatch", name() + ": got " + abbreviate(text) + " expected " + abbreviate(want));
                ctx.close();
                return;
            }
            counters.wsMessage();
            if (kind == Kind.CHURN) {
                if (sent < toSend) {
                    sendNext(ctx);
                } else if (expected.isEmpty()) {
                    closeSent = true;
                    ctx.writeAndFlush(new CloseWebSocketFrame(1000, "bye"));
                }
                return;
            }
            long now = System.nanoTime();
            nextAt += echoIntervalNanos;
            if (nextAt < now - TimeUnit.SECONDS.toNanos(1)) {
                nextAt = now;
            }
            ctx.executor().schedule(() -> sendNext(ctx), Math.max(0, nextAt - now), TimeUnit.NANOSECONDS);
        }

        private void closed(ChannelHandlerContext ctx, int code, String reason) {
            if (closeSent && code == 1000) {
                done = true; // the reply to our close
            } else if (kind == Kind.DENIED && code == 1008) {
                done = true;
                closeSent = true;
                ctx.writeAndFlush(new CloseWebSocketFrame(code, ""));
            } else if (running) { // when stopping, stop() sent the close: any answer will do
                fail("ws close code", name() + ": server closed with " + code + " '" + reason + "', we sent close: " + closeSent);
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            channels.remove(ctx.channel());
            if (!done && running) {
                fail("ws connection lost", name() + " after " + sent + " messages, " + expected.size() + " echoes missing");
            }
            ended();
            if (kind == Kind.ECHO && running) {
                ctx.executor().schedule(() -> connect(Kind.ECHO, authorization), 100, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof WebSocketClientHandshakeException handshake && handshake.response() != null) {
                counters.status(handshake.response().status().code());
            }
            if (running) {
                fail("ws exception", name() + ": " + cause);
            }
            ctx.close();
        }

        /** Counts one unexpected outcome per connection at most. */
        void fail(String reason, String detail) {
            if (!done) {
                done = true;
                counters.unexpected(reason, detail);
            }
        }

        void ended() {
            if (!ended) {
                ended = true;
                if (deadline != null) {
                    deadline.cancel(false);
                }
                if (kind != Kind.ECHO) {
                    shortLived.decrementAndGet();
                }
            }
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "nothing" : text.length() <= 60 ? "'" + text + "'" : "'" + text.substring(0, 60) + "…' (" + text.length() + " chars)";
    }
}
