package io.nettle.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import io.nettle.http.Json;

/**
 * A class-based WebSocket endpoint (Starlette's {@code WebSocketEndpoint}): one instance per
 * connection, made by the supplier given to {@link WebSocketRoute#endpoint}. Override what you
 * need:
 * <pre>{@code
 * class Chat extends WebSocketEndpoint {
 *     protected Encoding encoding() { return Encoding.JSON; }
 *     protected void onReceive(WebSocket ws, Object message) { ws.sendJson(message); }
 * }
 * }</pre>
 * Messages of the wrong kind for the {@link #encoding()} (binary for TEXT or JSON, text for
 * BYTES, malformed JSON) close the connection with 1003. An exception thrown by a callback
 * closes it with 1011.
 */
public abstract class WebSocketEndpoint {

    /** How received messages are decoded before {@link #onReceive}. */
    public enum Encoding {
        /** Text messages, given as {@code String}. */
        TEXT,
        /** Binary messages, given as {@code byte[]}. */
        BYTES,
        /** Text messages parsed as JSON, given as Jackson's {@link JsonNode}. */
        JSON
    }

    /** The encoding of received messages. Default: {@link Encoding#TEXT}. */
    protected Encoding encoding() {
        return Encoding.TEXT;
    }

    /** A client asks to connect. Default: accept. Close instead to deny. */
    protected void onConnect(WebSocket webSocket) throws Exception {
        webSocket.accept();
    }

    /** A message arrived, decoded per {@link #encoding()}. Default: ignore it. */
    protected void onReceive(WebSocket webSocket, Object message) throws Exception {
    }

    /** The connection ended with {@code closeCode}. Default: nothing. */
    protected void onDisconnect(WebSocket webSocket, int closeCode) throws Exception {
    }

    /** Wires this endpoint to a connection: the handler its route runs. */
    final void serve(WebSocket webSocket) throws Exception {
        webSocket.onClose((code, reason) -> {
            try {
                onDisconnect(webSocket, code);
            } catch (Exception e) {
                throw new IllegalStateException("onDisconnect failed", e);
            }
        });
        webSocket.onText(text -> receive(webSocket, text));
        webSocket.onBinary(bytes -> receive(webSocket, bytes));
        onConnect(webSocket);
    }

    private void receive(WebSocket webSocket, Object message) {
        Encoding encoding = encoding();
        Object decoded = message;
        if ((encoding == Encoding.BYTES) != (message instanceof byte[])) {
            webSocket.close(CloseCodes.UNSUPPORTED_DATA, "Expected " + encoding.name().toLowerCase(java.util.Locale.ROOT) + " messages");
            return;
        }
        if (encoding == Encoding.JSON) {
            try {
                decoded = Json.mapper().readTree((String) message);
            } catch (Exception e) {
                webSocket.close(CloseCodes.UNSUPPORTED_DATA, "Malformed JSON");
                return;
            }
        }
        try {
            onReceive(webSocket, decoded);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
