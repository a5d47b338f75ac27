package io.nettle.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A real TCP connection to a loopback server (TLS when the server speaks it), read and written
 * with blocking calls on the test's thread. The end of the stream and a reset both mean the server closed the connection.
 */
final class SocketCarrier implements Carrier {
    private static final int READ_SIZE = 64 * 1024;
    private static final long SETTLE_MILLIS = 50;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean ended;

    /** A connection to {@code server}, over TLS when {@code tls} is not {@code null}. */
    SocketCarrier(InetSocketAddress server, SSLSocketFactory tls) {
        this(server, tls, null);
    }

    /**
     * A connection to {@code server}, over TLS when {@code tls} is not {@code null}, where ALPN
     * must agree on {@code protocol} when it is not {@code null} ({@code h2}).
     */
    SocketCarrier(InetSocketAddress server, SSLSocketFactory tls, String protocol) {
        try {
            Socket plain = new Socket();
            plain.setTcpNoDelay(true);
            plain.connect(server, 5_000);
            if (tls == null) {
                this.socket = plain;
            } else {
                SSLSocket secure = (SSLSocket) tls.createSocket(plain, "localhost", server.getPort(), true);
                secure.setSoTimeout(5_000);
                if (protocol != null) {
                    SSLParameters parameters = secure.getSSLParameters();
                    parameters.setApplicationProtocols(new String[] {protocol});
                    secure.setSSLParameters(parameters);
                }
                secure.startHandshake();
                if (protocol != null && !protocol.equals(secure.getApplicationProtocol())) {
                    secure.close();
                    throw new AssertionError("the server did not agree to " + protocol + " by ALPN (it chose '"
                        + secure.getApplicationProtocol() + "')");
                }
                this.socket = secure;
            }
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to the test server at " + server, e);
        }
    }

    @Override
    public void send(ByteBuf bytes) {
        try {
            if (!ended) {
                bytes.readBytes(out, bytes.readableBytes());
                out.flush();
            }
        } catch (IOException e) {
            // The server closed or reset the connection: what was not sent is lost, as for any peer.
            ended = true;
        } finally {
            bytes.release();
        }
    }

    @Override
    public boolean receive(Consumer<ByteBuf> sink, long waitMillis) {
        if (ended) {
            return false;
        }
        byte[] buffer = new byte[READ_SIZE];
        try {
            socket.setSoTimeout((int) Math.max(1, waitMillis));
            int n = in.read(buffer);
            if (n < 0) {
                ended = true;
                return false;
            }
            sink.accept(Unpooled.wrappedBuffer(buffer, 0, n));
            return true;
        } catch (SocketTimeoutException quiet) {
            return true;
        } catch (SocketException reset) {
            ended = true;
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("reading from the test server failed", e);
        }
    }

    /** Long enough on loopback for a write the server made right after another. */
    @Override
    public long settleMillis() {
        return SETTLE_MILLIS;
    }

    @Override
    public void close() {
        ended = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a socket that failed already.
        }
    }
}
