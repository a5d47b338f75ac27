package io.nettle.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.middleware.Middleware;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket.Listener;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** WebSocket routes on the real server, on loopback, driven by the JDK's {@link java.net.http.WebSocket} client. */
class WebSocketEndToEndTest {
    private static final long WAIT_SECONDS = 5;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(WAIT_SECONDS)).build();

    private static App app() {
        WebSocketHandler echo = ws -> {
            ws.accept();
            ws.onText(text -> {
                if (text.equals("bye")) {
                    ws.close(4000, "see you");
                } else {
                    ws.sendText(text);
                }
            });
            ws.onBinary(ws::sendBytes);
        };
        Middleware guard = new TokenGuard();
        return App.builder().route(WebSocketRoute.of("/echo", echo)).middleware(guard).build();
    }

    @Test
    void echoesTextAndBytesThenClosesWithCodeAndReason() throws Exception {
        try (Server server = app().serve("127.0.0.1", 0)) {
            Recorder recorder = new Recorder();
            java.net.http.WebSocket ws = connect(server, "/echo?token=t", recorder);

            ws.sendText("héllo", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(recorder.next()).isEqualTo("héllo");
            ws.sendBinary(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 255}), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(recorder.next()).isEqualTo(new byte[] {0, 1, 2, (byte) 255});

            ws.sendText("bye", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(recorder.closed.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("4000 see you");
        }
    }

    @Test
    void aMiddlewareDenialReachesTheClientAsClose1008() throws Exception {
        try (Server server = app().serve("127.0.0.1", 0)) {
            Recorder recorder = new Recorder();
            connect(server, "/echo", recorder);
            assertThat(recorder.closed.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("1008 token required");
        }
    }

    @Test
    void stoppingTheServerClosesOpenWebSocketsWith1001() throws Exception {
        Server server = app().serve("127.0.0.1", 0);
        Recorder recorder = new Recorder();
        connect(server, "/echo?token=t", recorder);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
        assertThat(recorder.closed.get(WAIT_SECONDS, TimeUnit.SECONDS)).startsWith("1001");
        stopping.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void aCloseListenerAddedAfterTheConnectionDroppedIsStillCalled() throws Exception {
        CompletableFuture<Integer> heard = new CompletableFuture<>();
        WebSocketHandler late = ws -> {
            ws.accept();
            ws.receiveText().whenCompleteAsync((text, failure) -> ws.onClose((code, reason) -> heard.complete(code)));
        };
        try (Server server = App.builder().route(WebSocketRoute.of("/late", late)).build().serve("127.0.0.1", 0)) {
            connect(server, "/late", new Recorder()).abort();
            assertThat(heard.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(CloseCodes.ABNORMAL_CLOSURE);
        }
    }

    private java.net.http.WebSocket connect(Server server, String path, Listener listener) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + path);
        return http.newWebSocketBuilder().buildAsync(uri, listener).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Collects whole messages ({@code String} or {@code byte[]}) and the close as "code reason". */
    private static final class Recorder implements Listener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        Object next() throws InterruptedException {
            Object message = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(message).as("a message within %d s", WAIT_SECONDS).isNotNull();
            return message;
        }

        @Override
        public CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(java.net.http.WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                messages.add(binary.toByteArray());
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(java.net.http.WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(java.net.http.WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
