package io.nettle.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.ReferenceCountUtil;
import io.nettle.http.Json;
import io.nettle.websocket.CloseCodes;
import io.nettle.websocket.WebSocketDisconnect;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A WebSocket connection of the {@link TestClient}, over its {@link Wire}: frames are masked and
 * framed by Netty's client codec exactly as a browser's would be, and the server's frames are
 * decoded from the bytes it sent. Receiving waits up
 * to the client's timeout; receiving after the server closed throws {@link WebSocketDisconnect}
 * with its code and reason. Pings from the server are answered.
 */
public final class WebSocketTestSession implements AutoCloseable {
    private static final int MAX_MESSAGE = 64 * 1024 * 1024;

    private final ClientConnection connection;
    private final Duration timeout;
    private final String subprotocol;
    private Integer closeCode;
    private String closeReason = "";

    private WebSocketTestSession(ClientConnection connection, Duration timeout, String subprotocol) {
        this.connection = connection;
        this.timeout = timeout;
        this.subprotocol = subprotocol;
    }

    static WebSocketTestSession connect(Carrier carrier, String path, Map<String, String> headers,
                                        List<String> subprotocols, Duration timeout) {
        ClientConnection connection = new ClientConnection(carrier, new HttpClientCodec(), new HttpObjectAggregator(MAX_MESSAGE));
        HttpHeaders extra = new DefaultHttpHeaders();
        headers.forEach(extra::set);
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
            URI.create("ws://testserver" + path), WebSocketVersion.V13,
            subprotocols.isEmpty() ? null : String.join(",", subprotocols), true, extra, MAX_MESSAGE);
        handshaker.handshake(connection.client());
        connection.flushClient();
        Object answer = connection.awaitInbound(timeout);
        if (!(answer instanceof FullHttpResponse response)) {
            connection.close();
            throw new AssertionError("The server closed the connection during the WebSocket handshake");
        }
        try {
            if (response.status().code() != 101) {
                String body = response.content().toString(StandardCharsets.UTF_8);
                connection.close();
                throw new WebSocketRejected(response.status().code(), body);
            }
            handshaker.finishHandshake(connection.client(), response);
        } finally {
            response.release();
        }
        connection.client().pipeline().addLast(new WebSocketFrameAggregator(MAX_MESSAGE));
        connection.redecodeClientLeftovers();
        WebSocketTestSession session = new WebSocketTestSession(connection, timeout, handshaker.actualSubprotocol());
        session.failIfDeniedAtOnce();
        return session;
    }

    /**
     * A denial completes the handshake and closes at once: report it as the connect's failure.
     * The server writes the close frame right after the {@code 101}; on a socket it may come in
     * a read of its own, so the connection settles first.
     */
    private void failIfDeniedAtOnce() {
        connection.settle();
        Object first = connection.client().inboundMessages().peek();
        if (first instanceof CloseWebSocketFrame) {
            try {
                nextMessage();
            } catch (WebSocketDisconnect denied) {
                connection.close();
                throw denied;
            }
        }
    }

    /** The subprotocol the server chose, if any. */
    public Optional<String> subprotocol() {
        return Optional.ofNullable(subprotocol).filter(s -> !s.isEmpty());
    }

    /** Sends a text message. */
    public WebSocketTestSession sendText(String text) {
        connection.send(new TextWebSocketFrame(text));
        return this;
    }

    /** Sends a binary message. */
    public WebSocketTestSession sendBytes(byte[] bytes) {
        connection.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes.clone())));
        return this;
    }

    /** Sends {@code value} as JSON in a text message. */
    public WebSocketTestSession sendJson(Object value) {
        try {
            return sendText(Json.mapper().writeValueAsString(value));
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot serialize to JSON: " + value, e);
        }
    }

    /** Sends a ping with {@code payload}; the server's pong can be read with {@link #receivePong()}. */
    public WebSocketTestSession sendPing(byte[] payload) {
        connection.send(new PingWebSocketFrame(Unpooled.wrappedBuffer(payload.clone())));
        return this;
    }

    /**
     * Writes raw bytes to the server as they are (no framing, no masking): for tests of
     * protocol violations.
     */
    public WebSocketTestSession sendRaw(byte[] bytes) {
        connection.sendRaw(bytes);
        return this;
    }

    /** The next text message. */
    public String receiveText() {
        Object message = nextMessage();
        if (!(message instanceof String text)) {
            throw new AssertionError("expected a text message but received a binary one");
        }
        return text;
    }

    /** The next binary message. */
    public byte[] receiveBytes() {
        Object message = nextMessage();
        if (!(message instanceof byte[] bytes)) {
            throw new AssertionError("expected a binary message but received text: " + message);
        }
        return bytes;
    }

    /** The next text message as a JSON tree. */
    public JsonNode receiveJson() {
        return receiveJson(JsonNode.class);
    }

    /** The next text message bound to {@code type}. */
    public <T> T receiveJson(Class<T> type) {
        String text = receiveText();
        try {
            return Json.mapper().readValue(text, type);
        } catch (Exception e) {
            throw new AssertionError("the message is not JSON for " + type.getSimpleName() + ": " + text, e);
        }
    }

    /** The payload of the next pong. */
    public byte[] receivePong() {
        Object frame = connection.awaitInbound(timeout);
        if (!(frame instanceof PongWebSocketFrame pong)) {
            ReferenceCountUtil.release(frame);
            throw new AssertionError("expected a pong but got " + frame);
        }
        try {
            return ByteBufUtil.getBytes(pong.content());
        } finally {
            pong.release();
        }
    }

    /** Waits for the server to close and returns the code (1006 if it dropped the connection without a close frame). */
    public int awaitClose() {
        try {
            while (true) {
                nextMessage();
            }
        } catch (WebSocketDisconnect closed) {
            return closed.code();
        }
    }

    /** The close code received from the server, once it closed. */
    public Optional<Integer> closeCode() {
        return Optional.ofNullable(closeCode);
    }

    /** The close reason received from the server, once it closed. */
    public String closeReason() {
        return closeReason;
    }

    /** Closes with {@code code} and waits for the server's answer. */
    public void close(int code) {
        if (closeCode == null && connection.isOpen()) {
            connection.send(new CloseWebSocketFrame(code, ""));
            awaitClose();
        }
        connection.close();
    }

    /** Closes with 1000. */
    @Override
    public void close() {
        close(CloseCodes.NORMAL_CLOSURE);
    }

    private Object nextMessage() {
        if (closeCode != null) {
            throw new WebSocketDisconnect(closeCode, closeReason);
        }
        while (true) {
            Object frame = connection.awaitInbound(timeout);
            if (frame == null) {
                closeCode = CloseCodes.ABNORMAL_CLOSURE;
                throw new WebSocketDisconnect(closeCode, "connection dropped without a close frame");
            }
            try {
                if (frame instanceof TextWebSocketFrame text) {
                    return text.text();
                }
                if (frame instanceof BinaryWebSocketFrame binary) {
                    return ByteBufUtil.getBytes(binary.content());
                }
                if (frame instanceof PingWebSocketFrame ping) {
                    connection.send(new PongWebSocketFrame(ping.content().retain()));
                } else if (frame instanceof CloseWebSocketFrame close) {
                    closeCode = close.statusCode() < 0 ? CloseCodes.NO_STATUS_RECEIVED : close.statusCode();
                    closeReason = close.reasonText();
                    if (connection.isOpen()) {
                        connection.send(new CloseWebSocketFrame(closeCode == CloseCodes.NO_STATUS_RECEIVED
                            ? CloseCodes.NORMAL_CLOSURE : closeCode, ""));
                    }
                    throw new WebSocketDisconnect(closeCode, closeReason);
                }
            } finally {
                ReferenceCountUtil.release(frame);
            }
        }
    }
}
