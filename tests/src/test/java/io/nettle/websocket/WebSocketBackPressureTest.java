package io.nettle.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.Server;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A peer that stops reading, on a real socket: the server's sends fail instead of piling up in memory or waiting forever. */
class WebSocketBackPressureTest {
    private static final int MESSAGE = 4 * 1024;
    private static final int LIMIT = 64 * 1024;
    /** Far more than loopback's socket buffers can hold: 256 MiB. */
    private static final int ATTEMPTS = 64 * 1024;

    @Test
    void sendsToAPeerThatDoesNotReadFailWith1008() throws Exception {
        AtomicInteger attempted = new AtomicInteger();
        AtomicInteger written = new AtomicInteger();
        AtomicInteger unwrittenAtFailure = new AtomicInteger();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        WebSocketHandler flood = ws -> ws.accept().thenRun(() -> {
            byte[] chunk = new byte[MESSAGE];
            while (!failure.isDone() && attempted.get() < ATTEMPTS) {
                attempted.incrementAndGet();
                ws.sendBytes(chunk).whenComplete((ok, error) -> {
                    if (error == null) {
                        written.incrementAndGet();
                    } else if (failure.complete(error)) {
                        unwrittenAtFailure.set(attempted.get() - written.get());
                    }
                });
            }
        });
        WebSocketOptions options = WebSocketOptions.builder().maxPendingSendBytes(LIMIT).build();
        App app = App.builder().route(WebSocketRoute.of("/flood", flood, options)).build();

        try (Server server = app.serve("127.0.0.1", 0); Socket socket = new Socket()) {
            socket.setReceiveBufferSize(MESSAGE);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(5000);
            upgrade(socket, "/flood");

            Throwable error = failure.get(8, TimeUnit.SECONDS);
            assertThat(error).isInstanceOfSatisfying(WebSocketDisconnect.class,
                d -> assertThat(d.code()).isEqualTo(CloseCodes.POLICY_VIOLATION));
            assertThat(attempted.get()).as("sending stopped at the failure").isLessThan(ATTEMPTS);
            assertThat(unwrittenAtFailure.get()).as("messages held by the server when the send failed")
                .isLessThanOrEqualTo(LIMIT / MESSAGE + 1);
        }
    }

    @Test
    void aSenderWaitingForEachSendToAPeerThatStoppedReadingIsLetGoAfterTheWriteTimeout() throws Exception {
        AtomicInteger written = new AtomicInteger();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocketHandler patient = ws -> {
            ws.onClose((code, reason) -> closed.complete(code + " " + reason));
            ws.accept().thenRun(() -> sendOneAfterAnother(ws, new byte[MESSAGE], written, failure));
        };
        // Far below maxPendingSendBytes: only the write timeout can end this.
        App app = App.builder()
            .settings(io.nettle.ServerSettings.builder().writeTimeout(java.time.Duration.ofMillis(300)).build())
            .route(WebSocketRoute.of("/patient", patient))
            .build();

        try (Server server = app.serve("127.0.0.1", 0); Socket socket = new Socket()) {
            socket.setReceiveBufferSize(MESSAGE);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(5000);
            upgrade(socket, "/patient");

            assertThat(failure.get(8, TimeUnit.SECONDS)).isInstanceOfSatisfying(WebSocketDisconnect.class,
                d -> assertThat(d.code()).isEqualTo(CloseCodes.ABNORMAL_CLOSURE));
            assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo("1006 Write timeout: the client stopped reading");
            assertThat(written.get()).as("messages the kernel buffers took before the stall").isPositive();
        }
    }

    @Test
    void sendsFromAnotherThreadThatOutpaceTheLoopAreRefusedAtOnceNotQueuedWithoutBound() throws Exception {
        CompletableFuture<WebSocket> accepted = new CompletableFuture<>();
        CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocketHandler handler = ws -> {
            ws.onClose((code, reason) -> closed.complete(code + " " + reason));
            ws.accept().thenRun(() -> accepted.complete(ws));
        };
        WebSocketOptions options = WebSocketOptions.builder().maxPendingSendBytes(LIMIT).build();
        App app = App.builder().settings(io.nettle.ServerSettings.builder().ioThreads(1).build())
            .route(WebSocketRoute.of("/fanout", handler, options)).build();

        try (Server server = app.serve("127.0.0.1", 0); Socket socket = new Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(5000);
            upgrade(socket, "/fanout");
            WebSocket ws = accepted.get(5, TimeUnit.SECONDS);

            // The connection's loop is kept busy while this thread sends: nothing it sends can run yet.
            java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean(true);
            CompletableFuture<Void> loopTaken = new CompletableFuture<>();
            ws.executor().execute(() -> {
                loopTaken.complete(null);
                while (busy.get()) {
                    Thread.onSpinWait();
                }
            });
            loopTaken.get(5, TimeUnit.SECONDS);
            String message = "x".repeat(MESSAGE);
            int refusedAtOnce = 0;
            for (int i = 0; i < 4 * LIMIT / MESSAGE; i++) {
                CompletableFuture<Void> sent = ws.sendText(message).toCompletableFuture();
                if (sent.isCompletedExceptionally()) {
                    refusedAtOnce++;
                }
            }
            busy.set(false);
            assertThat(refusedAtOnce).as("sends beyond the limit, refused before the loop could run them").isEqualTo(3 * LIMIT / MESSAGE);
            assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo("1008 Client too slow: send buffer full");
        }
    }

    /** Sends the next message once the previous one was written, until a send fails. */
    private static void sendOneAfterAnother(WebSocket ws, byte[] chunk, AtomicInteger written, CompletableFuture<Throwable> failure) {
        ws.sendBytes(chunk).whenComplete((ok, error) -> {
            if (error != null) {
                failure.complete(error);
            } else {
                written.incrementAndGet();
                sendOneAfterAnother(ws, chunk, written, failure);
            }
        });
    }

    /** Sends a WebSocket handshake for {@code path} and checks that it was accepted. */
    private static void upgrade(Socket socket, String path) throws IOException {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(responseHead(socket.getInputStream())).startsWith("HTTP/1.1 101");
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
