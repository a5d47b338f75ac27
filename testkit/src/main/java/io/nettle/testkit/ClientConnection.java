package io.nettle.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.HttpToHttp2ConnectionHandler;
import io.netty.handler.codec.http2.HttpToHttp2ConnectionHandlerBuilder;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One client connection of a {@link TestClient}: the client side is an {@link EmbeddedChannel}
 * with Netty's client codecs on the test's thread, and a {@link Carrier} takes its bytes to the
 * server and brings the server's bytes back to be decoded, as a real peer's would be.
 */
final class ClientConnection implements AutoCloseable {
    private final Carrier carrier;
    private final EmbeddedChannel client;
    /** Whether the client side writes answers to what it reads (HTTP/2: SETTINGS and PING acks, window updates). */
    private final boolean answersReads;
    private boolean ended;

    /** A connection whose client speaks HTTP through Netty's client codec. */
    ClientConnection(Carrier carrier) {
        this(carrier, new HttpClientCodec(), new HttpObjectAggregator(Integer.MAX_VALUE));
    }

    /** A connection whose client side has the given handlers. */
    ClientConnection(Carrier carrier, ChannelHandler... clientHandlers) {
        this(carrier, false, clientHandlers);
    }

    private ClientConnection(Carrier carrier, boolean answersReads, ChannelHandler... clientHandlers) {
        this.carrier = carrier;
        this.answersReads = answersReads;
        this.client = new EmbeddedChannel(clientHandlers);
    }

    /**
     * A connection whose client speaks HTTP/2 through Netty's HTTP/2 codec (prior knowledge, or
     * over the TLS the carrier negotiated): full HTTP requests written to it go out as streams,
     * and each stream's response comes back as a full HTTP response.
     */
    static ClientConnection http2(Carrier carrier) {
        Http2Connection connection = new DefaultHttp2Connection(false);
        HttpToHttp2ConnectionHandler codec = new HttpToHttp2ConnectionHandlerBuilder()
            .connection(connection)
            .frameListener(new Http2ResponseAdapter(connection))
            .build();
        return new ClientConnection(carrier, true, codec);
    }

    /** The client side, to write messages to and read decoded messages from. */
    EmbeddedChannel client() {
        return client;
    }

    /** Whether the server has not closed the connection, as far as can be seen now. */
    boolean isOpen() {
        return receiveFor(0);
    }

    /**
     * Whether the server has not closed the connection, after watching for what it sends right
     * after what came already (see {@link Carrier#settleMillis()}), which the client then decodes.
     */
    boolean settle() {
        return receiveFor(carrier.settleMillis());
    }

    private boolean receiveFor(long millis) {
        if (!ended && client.inboundMessages().isEmpty()) {
            ended = !carrier.receive(this::toClient, millis);
        }
        return !ended;
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
        client.writeOutbound(message);
        flushClient();
    }

    /** Carries what the client side already wrote (by a handshaker, say) to the server. */
    void flushClient() {
        for (Object bytes; (bytes = client.readOutbound()) != null; ) {
            carrier.send((ByteBuf) bytes);
        }
    }

    /**
     * Feeds the client side again with raw bytes its HTTP codec passed through after a
     * {@code 101}: frames that came in the same read as the handshake response, to be decoded
     * by the WebSocket codec that replaced it.
     */
    void redecodeClientLeftovers() {
        List<Object> leftovers = new ArrayList<>();
        for (Object msg; (msg = client.readInbound()) != null; ) {
            leftovers.add(msg);
        }
        for (Object msg : leftovers) {
            client.writeInbound(msg);
        }
    }

    /** Carries raw bytes to the server as they are, past the client's codecs. */
    void sendRaw(byte[] bytes) {
        carrier.send(Unpooled.wrappedBuffer(bytes.clone()));
    }

    /**
     * The next message the client side decodes; {@code null} when the server closed the
     * connection and nothing more came.
     *
     * @throws AssertionError when nothing comes within {@code timeout}
     */
    Object awaitInbound(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Object message = client.readInbound();
            if (message != null) {
                return message;
            }
            if (ended) {
                return null;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new AssertionError("Nothing received within " + timeout.toMillis() + " ms");
            }
            ended = !carrier.receive(this::toClient, left);
        }
    }

    /**
     * Sends raw bytes and returns what the server wrote back (ISO-8859-1) until it closed the
     * connection or went quiet for {@code quiet}. The bytes bypass the client's codecs both ways.
     */
    String exchangeRaw(byte[] bytes, Duration quiet) {
        sendRaw(bytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long quietUntil = System.nanoTime() + quiet.toNanos();
        while (true) {
            long left = (quietUntil - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            int before = out.size();
            boolean open = carrier.receive(buf -> {
                out.writeBytes(ByteBufUtil.getBytes(buf));
                buf.release();
            }, left);
            if (!open) {
                ended = true;
                break;
            }
            if (out.size() > before) {
                quietUntil = System.nanoTime() + quiet.toNanos();
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private void toClient(ByteBuf bytes) {
        if (client.isActive()) {
            client.writeInbound(bytes);
            if (answersReads) {
                flushClient();
            }
        } else {
            ReferenceCountUtil.release(bytes);
        }
    }

    @Override
    public void close() {
        carrier.close();
        client.finishAndReleaseAll();
    }
}
