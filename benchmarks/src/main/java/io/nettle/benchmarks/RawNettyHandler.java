package io.nettle.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsciiString;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
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
 * <p>Files and streaming, as Nettle's bench example serves them: {@code GET /static/NAME}, a file
 * of the directory given by {@link #files(Path)} ({@code --files DIR}), answered the classic Netty
 * zero-copy way on cleartext HTTP/1.1: {@link DefaultHttpResponse} with {@code Content-Length},
 * a {@link DefaultFileRegion} ({@code sendfile}) that {@code HttpServerCodec} passes through, and
 * {@link LastHttpContent#EMPTY_LAST_CONTENT}; elsewhere (TLS, HTTP/2) the file is read into a
 * buffer. {@code GET /stream}: 64 KiB of {@code 'x'} as {@value #STREAM_PIECES} pieces of
 * {@value #STREAM_PIECE} bytes ({@link DefaultHttpContent}, chunked on HTTP/1.1), each flushed as
 * it is written, as a streamed body is sent while it is produced, then {@link LastHttpContent}.
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
    private static final AsciiString OCTET_STREAM = AsciiString.cached("application/octet-stream");
    private static final String STATIC = "/static/";
    static final int STREAM_PIECES = 16;
    static final int STREAM_PIECE = 4096;
    private static final ByteBuf PIECE = constant("x".repeat(STREAM_PIECE));
    /** The directory {@code /static/} serves, or {@code null}: no files. */
    private static volatile File files;
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

    /** Serves the files of {@code directory} (not below it) at {@code /static/NAME}. */
    static void files(Path directory) {
        files = directory.toFile();
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
            case "/stream" -> {
                if (get) {
                    stream(ctx, keepAlive);
                    return;
                }
            }
            default -> {
                if (get && uri.startsWith(STATIC) && file(ctx, uri.substring(STATIC.length()), keepAlive)) {
                    return;
                }
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

    /**
     * Answers with file {@code name} of {@link #files}: {@code false} when there is none (404).
     * Zero-copy on cleartext HTTP/1.1; the region closes the file once written (or dropped).
     */
    private static boolean file(ChannelHandlerContext ctx, String name, boolean keepAlive) {
        File directory = files;
        if (directory == null || name.isEmpty() || name.startsWith(".") || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return false;
        }
        File file = new File(directory, name);
        if (!file.isFile()) {
            return false;
        }
        RandomAccessFile raf;
        long length;
        try {
            raf = new RandomAccessFile(file, "r");
        } catch (IOException e) {
            return false;
        }
        try {
            length = raf.length();
            if (ctx.channel() instanceof Http2StreamChannel || ctx.pipeline().get(SslHandler.class) != null) {
                ByteBuf content = ctx.alloc().buffer((int) length);
                try {
                    while (content.writableBytes() > 0 && content.writeBytes(raf.getChannel(), content.writerIndex(), content.writableBytes()) >= 0) {
                        // reads on: a file does not shrink here
                    }
                } catch (IOException | RuntimeException e) {
                    content.release();
                    throw e;
                } finally {
                    raf.close();
                }
                write(ctx, response(HttpResponseStatus.OK, content, OCTET_STREAM), keepAlive, false);
                return true;
            }
        } catch (IOException e) {
            try {
                raf.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
            ctx.close();
            return true;
        }
        HttpHeaders headers = new DefaultHttpHeaders(false);
        headers.set(HttpHeaderNames.CONTENT_TYPE, OCTET_STREAM);
        headers.set(HttpHeaderNames.CONTENT_LENGTH, length);
        headers.set(HttpHeaderNames.DATE, date());
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.write(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, headers));
        ctx.write(new DefaultFileRegion(raf.getChannel(), 0, length));
        end(ctx, keepAlive);
        return true;
    }

    /** {@code /stream}: the head, then each piece written and flushed, then the end of the body. */
    private static void stream(ChannelHandlerContext ctx, boolean keepAlive) {
        HttpHeaders headers = new DefaultHttpHeaders(false);
        headers.set(HttpHeaderNames.CONTENT_TYPE, OCTET_STREAM);
        headers.set(HttpHeaderNames.DATE, date());
        if (!(ctx.channel() instanceof Http2StreamChannel)) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            if (!keepAlive) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
        }
        ctx.write(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, headers));
        for (int i = 0; i < STREAM_PIECES; i++) {
            ctx.writeAndFlush(new DefaultHttpContent(PIECE.duplicate()));
        }
        end(ctx, keepAlive);
    }

    /** Ends a body written in pieces: flushed with the read batch, or at once and closed. */
    private static void end(ChannelHandlerContext ctx, boolean keepAlive) {
        if (keepAlive) {
            ctx.write(LastHttpContent.EMPTY_LAST_CONTENT);
        } else {
            ChannelFuture last = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            last.addListener(ChannelFutureListener.CLOSE);
        }
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
