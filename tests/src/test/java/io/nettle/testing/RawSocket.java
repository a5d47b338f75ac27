package io.nettle.testing;

import io.nettle.Server;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A plain TCP connection to a server on loopback, for tests that write raw bytes, watch what
 * comes back and leave the way a real client may (see {@link Leave}). Bytes are sent and
 * received as ISO-8859-1 text, one {@code char} a byte, so that lengths are byte counts.
 *
 * <p>Every read collects into one buffer: each {@code read...} method returns everything received
 * on the connection so far, not only what it read itself. The reads never fail for want of data:
 * they return once they have enough, once the server closed the connection (end of stream or
 * reset, see {@link #closedByPeer()}) or once their time is up; the caller asserts on the text.
 *
 * <p>Published to other modules' tests through testkit's test-jar.
 * <pre>{@code
 * try (RawSocket socket = RawSocket.connect(server)) {
 *     String raw = socket.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readUntilClosed(PATIENCE);
 *     assertThat(raw).startsWith("HTTP/1.1 200");
 *     assertThat(socket.closedByPeer()).isTrue();
 * }
 * }</pre>
 */
public final class RawSocket implements AutoCloseable {
    /** How long {@link #connect} waits for the TCP connection to be established. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The WebSocket opening handshake's headers after the request target (RFC 6455's sample key). */
    private static final String UPGRADE = " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    /** How a client leaves a connection (see {@link #leave(Leave)}). */
    public enum Leave {
        /** Shuts its output (FIN) and can keep reading, to see what the server writes afterwards. */
        HALF_CLOSE,
        /** Closes the socket: FIN, or RST when data it never read was still waiting. */
        CLOSE,
        /** Resets the connection: {@code SO_LINGER} 0, then close (RST). */
        RESET
    }

    private final Socket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean closedByPeer;

    private RawSocket(Socket socket) {
        this.socket = socket;
    }

    /** Connects to {@code server} on 127.0.0.1, with {@code TCP_NODELAY} so that each {@link #send} goes out at once. */
    public static RawSocket connect(Server server) throws IOException {
        return connect(server, 0);
    }

    /**
     * Connects as {@link #connect(Server)} does, with a receive buffer of {@code receiveBuffer}
     * bytes (0: the system's default). It is set before connecting so that it bounds the TCP
     * window: a client that reads little then holds back a large response.
     */
    public static RawSocket connect(Server server, int receiveBuffer) throws IOException {
        return connect(server.port(), receiveBuffer);
    }

    /** Connects to {@code port} on 127.0.0.1 (a server in another process, say). */
    public static RawSocket connect(int port) throws IOException {
        return connect(port, 0);
    }

    private static RawSocket connect(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) CONNECT_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        return new RawSocket(socket);
    }

    /**
     * A WebSocket opening handshake request for {@code path}, as sent by {@link #send}: {@code GET}
     * with {@code Upgrade: websocket}, version 13 and RFC 6455's sample key.
     */
    public static String webSocketHandshake(String path) {
        return "GET " + path + UPGRADE;
    }

    /** Writes {@code raw} (ISO-8859-1, one byte a {@code char}) and flushes it; returns this socket, to read on. */
    public RawSocket send(String raw) throws IOException {
        socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /**
     * Reads until what was received so far ends with {@code suffix} (the end of an expected
     * response, say), the server closes the connection or {@code within} passes; returns all
     * received so far.
     */
    public String readUntil(String suffix, Duration within) throws IOException {
        read(() -> text().endsWith(suffix), within);
        return text();
    }

    /**
     * Reads until at least {@code bytes} bytes were received in all, the server closes the
     * connection or {@code within} passes; returns all received so far.
     */
    public String readAtLeast(int bytes, Duration within) throws IOException {
        read(() -> received.size() >= bytes, within);
        return text();
    }

    /**
     * Reads until the server closes the connection or {@code within} passes, and returns all
     * received so far; {@link #closedByPeer()} tells which.
     */
    public String readUntilClosed(Duration within) throws IOException {
        read(() -> false, within);
        return text();
    }

    /** Whether the server closed the connection (end of stream or reset) during a read. */
    public boolean closedByPeer() {
        return closedByPeer;
    }

    /**
     * Leaves as told. After {@link Leave#HALF_CLOSE} the socket can still be read (what the
     * server writes afterwards, up to its close, with {@link #readUntilClosed}); after
     * {@link Leave#CLOSE} and {@link Leave#RESET} it is closed.
     */
    public void leave(Leave how) throws IOException {
        switch (how) {
            case HALF_CLOSE -> socket.shutdownOutput();
            case CLOSE -> socket.close();
            case RESET -> {
                socket.setSoLinger(true, 0);
                socket.close();
            }
            default -> throw new AssertionError(how);
        }
    }

    /** Closes the socket (a no-op once it is closed). */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void read(BooleanSupplier enough, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        InputStream in = socket.getInputStream();
        byte[] chunk = new byte[8192];
        while (!closedByPeer && !enough.getAsBoolean()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            socket.setSoTimeout((int) Math.max(1, left));
            try {
                int n = in.read(chunk);
                if (n < 0) {
                    closedByPeer = true;
                } else {
                    received.write(chunk, 0, n);
                }
            } catch (SocketTimeoutException e) {
                return;
            } catch (SocketException reset) {
                closedByPeer = true;
            }
        }
    }

    private String text() {
        return received.toString(StandardCharsets.ISO_8859_1);
    }
}
