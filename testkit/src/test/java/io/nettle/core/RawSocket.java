package io.nettle.core;

import io.nettle.Server;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain TCP connection to a server on loopback, for tests that write raw bytes and watch what comes back. */
final class RawSocket implements AutoCloseable {
    private final Socket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean closedByPeer;

    private RawSocket(Socket socket) {
        this.socket = socket;
    }

    static RawSocket connect(Server server) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setTcpNoDelay(true);
        return new RawSocket(socket);
    }

    /** The underlying socket (to shrink its receive buffer, say). */
    Socket socket() {
        return socket;
    }

    RawSocket send(String raw) throws IOException {
        socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /**
     * Reads until the server closes the connection or {@code within} passes, and returns all
     * received so far; {@link #closedByPeer()} tells which.
     */
    String readUntilClosed(Duration within) throws IOException {
        return readUntil(null, within);
    }

    /**
     * Reads until what was received so far ends with {@code suffix} (the end of an expected
     * response, say), the server closes the connection or {@code within} passes; returns all
     * received so far.
     */
    String readUntil(String suffix, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        InputStream in = socket.getInputStream();
        byte[] chunk = new byte[8192];
        while (!closedByPeer && (suffix == null || !received.toString(StandardCharsets.ISO_8859_1).endsWith(suffix))) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
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
                break;
            } catch (SocketException reset) {
                closedByPeer = true;
            }
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** Whether the server closed the connection (end of stream or reset) during a read. */
    boolean closedByPeer() {
        return closedByPeer;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
