package io.nettle.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AsciiString;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The bench contract in one stateless, shared Netty handler behind {@code HttpServerCodec} and
 * {@code HttpObjectAggregator}: static bodies in unreleasable buffers, header values built once,
 * writes flushed once per read batch (pipelining), the async lookup on a single-thread executor
 * with one task back to the event loop, and WebSocket echo after a Basic-checked handshake.
 * <p>The same instance serves HTTP/2: in each stream's child channel, behind
 * {@code Http2StreamFrameToHttpObjectCodec} and {@code HttpObjectAggregator} (see
 * {@link RawNettyServer}), it reads a {@link FullHttpRequest} and writes a {@link FullHttpResponse}
 * as on HTTP/1.1. An HTTP/2 request converted so is HTTP/1.1 without {@code Connection: close},
 * hence keep-alive, so no {@code Connection} header is ever set on it (and the codec drops
 * connection-specific headers anyway); the flushes of the streams are gathered into one flush of
 * the connection per read batch by {@code Http2MultiplexHandler}. WebSocket needs HTTP/1.1.
 */
@ChannelHandler.Sharable
public final class RawNettyHandler extends ChannelInboundHandlerAdapter {
    public static final RawNettyHandler INSTANCE = new RawNettyHandler();

    private static final ByteBuf PLAINTEXT = constant("Hello, World!");
    private static final ByteBuf FORBIDDEN = constant("Forbidden");
    private static final ByteBuf BAD_REQUEST = constant("Invalid basic auth credentials");
    private static final ByteBuf NOT_FOUND = constant("Not Found");
    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain; charset=utf-8");
    private static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> MESSAGE = Map.of("message", "Hello, World!");
    private static final ExecutorService STORE = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "raw-user-store");
        thread.setDaemon(true);
        return thread;
    });
    private static volatile long dateSecond = -1;
    private static volatile AsciiString date;

    private RawNettyHandler() {
    }

    private static ByteBuf constant(String text) {
        byte[] bytes = text.getBytes(CharsetUtil.UTF_8);
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(bytes.length).writeBytes(bytes).asReadOnly());
    }

    private static AsciiString date() {
        long second = System.currentTimeMillis() / 1000;
        if (second != dateSecond) {
            date = AsciiString.cached(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(second), ZoneOffset.UTC)));
            dateSecond = second;
        }
        return date;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            serve(ctx, request);
        } finally {
            request.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            write(ctx, response(HttpResponseStatus.BAD_REQUEST, BAD_REQUEST.duplicate(), TEXT_PLAIN), false, false);
            return;
        }
        String uri = request.uri();
        boolean get = request.method() == HttpMethod.GET;
        switch (uri) {
            case "/plaintext" -> {
                if (get) {
                    write(ctx, response(HttpResponseStatus.OK, PLAINTEXT.duplicate(), TEXT_PLAIN), keepAlive, false);
                    return;
                }
            }
            case "/json" -> {
                if (get) {
                    byte[] json;
                    try {
                        json = MAPPER.writeValueAsBytes(MESSAGE);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    write(ctx, response(HttpResponseStatus.OK, Unpooled.wrappedBuffer(json), APPLICATION_JSON), keepAlive, false);
                    return;
                }
            }
            case "/secure" -> {
                if (get) {
                    write(ctx, secure(BasicCheck.check(request.headers().get(HttpHeaderNames.AUTHORIZATION))), keepAlive, false);
                    return;
                }
            }
            case "/secure-async" -> {
                if (get) {
                    secureAsync(ctx, request.headers().get(HttpHeaderNames.AUTHORIZATION), keepAlive);
                    return;
                }
            }
            case "/ws" -> {
                // An HTTP/1.1 upgrade only: an HTTP/2 stream (RFC 8441 is not served) gets 404.
                if (get && !(ctx.channel() instanceof Http2StreamChannel)
                    && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
                    upgrade(ctx, request);
                    return;
                }
            }
            default -> {
            }
        }
        write(ctx, response(HttpResponseStatus.NOT_FOUND, NOT_FOUND.duplicate(), TEXT_PLAIN), keepAlive, false);
    }

    private static FullHttpResponse secure(String user) {
        if (user == BasicCheck.MALFORMED) {
            return response(HttpResponseStatus.BAD_REQUEST, BAD_REQUEST.duplicate(), TEXT_PLAIN);
        }
        if (user == BasicCheck.ANONYMOUS) {
            return response(HttpResponseStatus.FORBIDDEN, FORBIDDEN.duplicate(), TEXT_PLAIN);
        }
        return response(HttpResponseStatus.OK,
            Unpooled.wrappedBuffer(("Hello, " + user + "!").getBytes(CharsetUtil.UTF_8)), TEXT_PLAIN);
    }

    /** The header is parsed on the event loop, the credentials checked on the store's thread, the response written back on the loop. */
    private static void secureAsync(ChannelHandlerContext ctx, String header, boolean keepAlive) {
        String decoded = BasicCheck.decode(header);
        if (decoded == null || decoded == BasicCheck.MALFORMED) {
            write(ctx, secure(decoded == null ? BasicCheck.ANONYMOUS : decoded), keepAlive, false);
            return;
        }
        STORE.execute(() -> {
            int colon = decoded.indexOf(':');
            String user = BasicCheck.verify(decoded.substring(0, colon), decoded.substring(colon + 1));
            ctx.executor().execute(() -> write(ctx, secure(user), keepAlive, true));
        });
    }

    private static FullHttpResponse response(HttpResponseStatus status, ByteBuf content, AsciiString contentType) {
        HttpHeaders headers = new DefaultHttpHeaders(false);
        headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        headers.set(HttpHeaderNames.DATE, date());
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content, headers, EmptyHttpHeaders.INSTANCE);
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive, boolean flush) {
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else if (flush) {
            ctx.writeAndFlush(response);
        } else {
            ctx.write(response);
        }
    }

    /** The Basic check on the handshake; anonymous or malformed: handshake completed, then closed with 1008. */
    private static void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
        String user = BasicCheck.check(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
            "ws://" + request.headers().get(HttpHeaderNames.HOST) + "/ws", null, false).newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        if (user == BasicCheck.ANONYMOUS || user == BasicCheck.MALFORMED) {
            handshaker.handshake(ctx.channel(), request).addListener(f -> ctx.channel()
                .writeAndFlush(new CloseWebSocketFrame(1008, user == BasicCheck.MALFORMED ? "Invalid basic auth credentials" : "Forbidden"))
                .addListener(ChannelFutureListener.CLOSE));
            return;
        }
        ctx.pipeline().replace(ctx.handler(), "ws-echo", Echo.INSTANCE);
        handshaker.handshake(ctx.channel(), request);
    }

    /** Echoes text frames; answers pings and closes. */
    @ChannelHandler.Sharable
    static final class Echo extends ChannelInboundHandlerAdapter {
        static final Echo INSTANCE = new Echo();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame text) {
                ctx.write(text);
            } else if (msg instanceof PingWebSocketFrame ping) {
                ctx.write(new PongWebSocketFrame(ping.content()));
            } else if (msg instanceof CloseWebSocketFrame close) {
                ctx.writeAndFlush(close).addListener(ChannelFutureListener.CLOSE);
            } else {
                ReferenceCountUtil.release(msg);
                if (!(msg instanceof WebSocketFrame)) {
                    ctx.close();
                }
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
