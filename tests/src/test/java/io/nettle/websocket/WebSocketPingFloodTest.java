package io.nettle.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.Server;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client that sends pings and never reads the pongs, on a real socket: the pongs count
 * against {@link WebSocketOptions#maxPendingSendBytes()} like any other send, so the server
 * closes with 1008 instead of buffering pongs without bound.
 */
class WebSocketPingFloodTest {
    private static final int LIMIT = 64 * 1024;
    private static final int PINGS_PER_WRITE = 512;
    /** Far more pongs than loopback's socket buffers and the limit can hold: 64 MiB of pings. */
    private static final long MAX_FLOOD_BYTES = 64L * 1024 * 1024;

    @Test
    void pingsFromAPeerThatNeverReadsEndWith1008() throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        CompletableFuture<String> reason = new CompletableFuture<>();
        WebSocketHandler quiet = ws -> {
            ws.accept();
            ws.onClose((code, text) -> {
                reason.complete(text);
                closed.complete(code);
            });
        };
        WebSocketOptions options = WebSocketOptions.builder().maxPendingSendBytes(LIMIT).build();
        App app = App.builder().route(WebSocketRoute.of("/ws", quiet, options)).build();

        try (Server server = app.serve("127.0.0.1", 0); Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(responseHead(socket.getInputStream())).startsWith("HTTP/1.1 101");

            byte[] ping = Frames.masked(0x89, new byte[125]);
            byte[] batch = new byte[ping.length * PINGS_PER_WRITE];
            for (int i = 0; i < PINGS_PER_WRITE; i++) {
                System.arraycopy(ping, 0, batch, i * ping.length, ping.length);
            }
            long sent = 0;
            try {
                while (!closed.isDone() && sent < MAX_FLOOD_BYTES) {
                    out.write(batch);
                    sent += batch.length;
                }
            } catch (IOException resetByServer) {
                // The server closed the connection while pings were still being written.
            }

            assertThat(closed.get(10, TimeUnit.SECONDS)).as("after %d bytes of pings", sent)
                .isEqualTo(CloseCodes.POLICY_VIOLATION);
            assertThat(reason.get()).contains("too slow");
        }
    }

    /** Reads the handshake response head, byte by byte, up to its blank line. */
    private static String responseHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
