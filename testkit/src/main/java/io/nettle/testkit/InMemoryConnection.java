package io.nettle.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.util.ReferenceCountUtil;
import io.nettle.internal.AppRuntime;
import io.nettle.internal.NettleInitializer;
import java.io.ByteArrayOutputStream;
import java.time.Duration;

/**
 * One client-server connection in memory: the server side is an {@link EmbeddedChannel} with
 * Nettle's real pipeline, the client side another with Netty's HTTP client codec. Bytes are
 * carried between them by the test thread, which also runs the server's deferred work.
 */
final class InMemoryConnection implements AutoCloseable {
    private final TestLoop loop = new TestLoop();
    private final EmbeddedChannel server;
    private final EmbeddedChannel client;

    /** A connection whose client speaks HTTP through Netty's client codec. */
    InMemoryConnection(AppRuntime app) {
        this(app, new HttpClientCodec(), new HttpObjectAggregator(Integer.MAX_VALUE));
    }

    /** A connection whose client side has the given handlers. */
    InMemoryConnection(AppRuntime app, ChannelHandler... clientHandlers) {
        this.server = new EmbeddedChannel(new NettleInitializer(app, channel -> loop));
        this.client = new EmbeddedChannel(clientHandlers);
    }

    /** The client side, to write messages to and read decoded messages from. */
    EmbeddedChannel client() {
        return client;
    }

    boolean isOpen() {
        return server.isActive();
    }

    /** Sends {@code request} and waits for its response; the caller releases the response. */
    FullHttpResponse exchange(FullHttpRequest request, Duration timeout) {
        send(request);
        Object response = awaitInbound(timeout);
        if (response == null) {
            throw new AssertionError("The server closed the connection without a response");
        }
        return (FullHttpResponse) response;
    }

    /** Writes {@code message} through the client side and carries the bytes to the server. */
    void send(Object message) {
        loop.claim();
        client.writeOutbound(message);
        transfer(client, server);
    }

    /** Carries what the client side already wrote (by a handshaker, say) to the server. */
    void flushClient() {
        loop.claim();
        transfer(client, server);
    }

    /**
     * Feeds the client side again with raw bytes its HTTP codec passed through after a
     * {@code 101}: frames that came in the same read as the handshake response, to be decoded
     * by the WebSocket codec that replaced it.
     */
    void redecodeClientLeftovers() {
        java.util.List<Object> leftovers = new java.util.ArrayList<>();
        for (Object msg; (msg = client.readInbound()) != null; ) {
            leftovers.add(msg);
        }
        for (Object msg : leftovers) {
            client.writeInbound(msg);
        }
    }

    /** Carries raw bytes to the server as they are, past the client's codecs. */
    void sendRawToServer(byte[] bytes) {
        loop.claim();
        server.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    /**
     * The next message the client side decodes, running the server's work meanwhile;
     * {@code null} when the server closed the connection and nothing more came.
     *
     * @throws AssertionError when nothing comes within {@code timeout}
     */
    Object awaitInbound(Duration timeout) {
        loop.claim();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            pump();
            Object message = client.readInbound();
            if (message != null) {
                return message;
            }
            if (!server.isActive()) {
                return null;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Nothing received within " + timeout.toMillis() + " ms");
            }
            waitForWork();
        }
    }

    /**
     * Sends raw bytes and returns what the server wrote back until it closed the connection
     * or went quiet for {@code quiet}.
     */
    String exchangeRaw(byte[] bytes, Duration quiet) {
        loop.claim();
        server.writeInbound(Unpooled.wrappedBuffer(bytes));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long quietUntil = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < quietUntil) {
            server.runPendingTasks();
            boolean progress = runLoop(0);
            for (Object o; (o = server.readOutbound()) != null; ) {
                ByteBuf buf = (ByteBuf) o;
                byte[] chunk = new byte[buf.readableBytes()];
                buf.readBytes(chunk);
                buf.release();
                out.writeBytes(chunk);
                progress = true;
            }
            if (progress) {
                quietUntil = System.nanoTime() + quiet.toNanos();
            } else if (!server.isActive()) {
                break;
            } else {
                runLoop(2);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private void pump() {
        server.runPendingTasks();
        runLoop(0);
        transfer(server, client);
    }

    private void waitForWork() {
        runLoop(2);
    }

    private boolean runLoop(long waitMillis) {
        try {
            return loop.runTasks(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void transfer(EmbeddedChannel from, EmbeddedChannel to) {
        for (Object msg; (msg = from.readOutbound()) != null; ) {
            if (to.isActive()) {
                to.writeInbound(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    @Override
    public void close() {
        server.finishAndReleaseAll();
        client.finishAndReleaseAll();
    }
}
