package io.nettle.websocket;

/**
 * Serves one WebSocket connection: called once, on the connection's event loop, when a client
 * asks to connect. Accept (or close to deny), then talk, either by pulling messages
 * ({@code receiveText()}...) or by registering callbacks ({@code onText(...)}):
 * <pre>{@code
 * WebSocketRoute.of("/echo", ws -> {
 *     ws.accept();
 *     ws.onText(ws::sendText);
 * })
 * }</pre>
 * The connection lives until either side closes it, independent of this method returning.
 * An exception thrown here closes the connection with 1011 and is logged.
 */
@FunctionalInterface
public interface WebSocketHandler {

    /** Handles a new connection. Must not block. */
    void handle(WebSocket webSocket) throws Exception;
}
