package io.nettle.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * An HTTP/2 client that writes frames byte by byte, as a hostile peer would (cleartext, prior
 * knowledge): any frame in any order, with HPACK from Netty's encoder for header blocks. What the
 * server sends is read as {@link Frame}s, its header blocks decoded; its SETTINGS are acknowledged
 * as they come, nothing else is answered. For tests of the server's HTTP/2 limits.
 */
public final class RawHttp2 implements AutoCloseable {
    public static final int DATA = 0x0;
    public static final int HEADERS = 0x1;
    public static final int RST_STREAM = 0x3;
    public static final int SETTINGS = 0x4;
    public static final int PING = 0x6;
    public static final int GOAWAY = 0x7;
    public static final int WINDOW_UPDATE = 0x8;
    public static final int CONTINUATION = 0x9;
    public static final int END_STREAM = 0x1;
    public static final int ACK = 0x1;
    public static final int END_HEADERS = 0x4;
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * A frame the server sent.
     *
     * @param headers the decoded header block of a HEADERS frame, else {@code null}
     */
    public record Frame(int type, int flags, int stream, byte[] payload, Http2Headers headers) {
        /** The error code of a RST_STREAM or GOAWAY frame. */
        public long errorCode() {
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            return Integer.toUnsignedLong(type == GOAWAY ? buffer.getInt(4) : buffer.getInt(0));
        }

        /** The {@code :status} of a HEADERS frame, or {@code null}. */
        public String status() {
            return headers == null || headers.status() == null ? null : headers.status().toString();
        }

        /** The value of setting {@code id} in a SETTINGS frame, or -1. */
        public long setting(int id) {
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            while (buffer.remaining() >= 6) {
                int key = buffer.getShort() & 0xffff;
                long value = Integer.toUnsignedLong(buffer.getInt());
                if (key == id) {
                    return value;
                }
            }
            return -1;
        }

        @Override
        public String toString() {
            return "Frame[type " + type + ", flags " + flags + ", stream " + stream + ", " + payload.length + " bytes"
                + (type == GOAWAY || type == RST_STREAM ? ", error " + errorCode() : "")
                + (headers == null ? "" : ", " + headers) + "]";
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
    private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false, 1 << 20);
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final List<Frame> received = new ArrayList<>();
    private boolean closedByPeer;

    private RawHttp2(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code port} on 127.0.0.1 and sends the preface and {@code settings} (id, value pairs). */
    public static RawHttp2 connect(int port, int... settings) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        RawHttp2 client = new RawHttp2(socket);
        ByteBuffer payload = ByteBuffer.allocate(settings.length * 3);
        for (int i = 0; i + 1 < settings.length; i += 2) {
            payload.putShort((short) settings[i]).putInt(settings[i + 1]);
        }
        client.out.write(PREFACE);
        client.frame(SETTINGS, 0, 0, payload.array());
        return client;
    }

    /** Sends one frame. */
    public RawHttp2 frame(int type, int flags, int stream, byte[] payload) throws IOException {
        out.write(frameBytes(type, flags, stream, payload));
        return this;
    }

    /** The bytes of one frame, to send many in one write. */
    public static byte[] frameBytes(int type, int flags, int stream, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(9 + payload.length);
        frame.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length);
        frame.put((byte) type).put((byte) flags).putInt(stream & 0x7fffffff).put(payload);
        return frame.array();
    }

    /** Sends {@code bytes} as they are (frames made with {@link #frameBytes}). */
    public RawHttp2 send(byte[] bytes) throws IOException {
        out.write(bytes);
        return this;
    }

    /** The HPACK block of {@code headers}, from this connection's encoder (its dynamic table changes). */
    public byte[] block(Http2Headers headers) throws Http2Exception {
        ByteBuf buffer = Unpooled.buffer();
        try {
            encoder.encodeHeaders(1, headers, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } finally {
            buffer.release();
        }
    }

    /** A request's HEADERS frame on {@code stream}: {@code method} and {@code path} to {@code localhost}, plus {@code fields}. */
    public RawHttp2 request(int stream, String method, String path, boolean endStream, Http2Headers fields) throws IOException {
        fields.method(method).path(path).scheme("http").authority("localhost");
        try {
            return frame(HEADERS, END_HEADERS | (endStream ? END_STREAM : 0), stream, block(fields));
        } catch (Http2Exception e) {
            throw new IOException(e);
        }
    }

    /**
     * Reads frames until one matches {@code wanted} (returned), the server closes the connection
     * or {@code timeout} passes ({@code null}). Every frame read is kept (see {@link #received()}).
     */
    public Frame await(Predicate<Frame> wanted, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int next = 0;
        while (true) {
            for (; next < received.size(); next++) {
                if (wanted.test(received.get(next))) {
                    return received.get(next);
                }
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (closedByPeer || left <= 0 || !readSome(left)) {
                for (; next < received.size(); next++) {
                    if (wanted.test(received.get(next))) {
                        return received.get(next);
                    }
                }
                return null;
            }
        }
    }

    /** Reads until the server closes the connection or {@code timeout} passes; whether it closed. */
    public boolean awaitClose(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closedByPeer) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            readSome(left);
        }
        return true;
    }

    /** Every frame received so far. */
    public List<Frame> received() {
        return received;
    }

    /** Whether the server closed the connection (end of stream or reset). */
    public boolean closedByPeer() {
        return closedByPeer;
    }

    /** Reads what is there (waiting up to {@code millis}); false when the connection ended. */
    private boolean readSome(long millis) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try {
            socket.setSoTimeout((int) Math.max(1, millis));
            int n = in.read(buffer);
            if (n < 0) {
                closedByPeer = true;
                return false;
            }
            pending.write(buffer, 0, n);
            parse();
            return true;
        } catch (SocketTimeoutException quiet) {
            return true;
        } catch (SocketException reset) {
            closedByPeer = true;
            return false;
        }
    }

    private void parse() throws IOException {
        byte[] bytes = pending.toByteArray();
        int at = 0;
        while (bytes.length - at >= 9) {
            int length = (bytes[at] & 0xff) << 16 | (bytes[at + 1] & 0xff) << 8 | bytes[at + 2] & 0xff;
            if (bytes.length - at < 9 + length) {
                break;
            }
            int type = bytes[at + 3];
            int flags = bytes[at + 4] & 0xff;
            int stream = ByteBuffer.wrap(bytes, at + 5, 4).getInt() & 0x7fffffff;
            byte[] payload = java.util.Arrays.copyOfRange(bytes, at + 9, at + 9 + length);
            at += 9 + length;
            received.add(new Frame(type, flags, stream, payload, type == HEADERS ? decode(stream, payload) : null));
            if (type == SETTINGS && (flags & ACK) == 0) {
                frame(SETTINGS, ACK, 0, new byte[0]);
            }
        }
        pending.reset();
        pending.write(bytes, at, bytes.length - at);
    }

    private Http2Headers decode(int stream, byte[] block) throws IOException {
        ByteBuf buffer = Unpooled.wrappedBuffer(block);
        try {
            return decoder.decodeHeaders(stream, buffer);
        } catch (Http2Exception e) {
            throw new IOException("the server's header block cannot be decoded", e);
        } finally {
            buffer.release();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
