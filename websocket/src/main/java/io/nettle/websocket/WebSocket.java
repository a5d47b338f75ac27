package io.nettle.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.nettle.broadcast.Broadcast;
import io.nettle.broadcast.Subscription;
import io.nettle.http.Connection;
import io.nettle.http.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A WebSocket connection: a {@link Connection} like a request (URL, headers, parameters,
 * cookies, attributes set by middleware) that, once {@linkplain #accept() accepted}, exchanges
 * text, binary and JSON messages.
 *
 * <p>Receive by pulling ({@link #receiveText()} returns a stage completed by the next message)
 * or by pushing ({@link #onText(Consumer)}, {@link #onBinary(Consumer)}, {@link #onClose(BiConsumer)}).
 * Every method may be called from any thread; callbacks and stages run on the connection's
 * event loop, in order. Receiving after the close fails with {@link WebSocketDisconnect}.
 *
 * <p><b>Back-pressure.</b> {@code send*} returns a stage that completes when the frame has
 * been handed to the socket. When the peer does not read and more than
 * {@link WebSocketOptions#maxPendingSendBytes()} are waiting, the send fails and the
 * connection is closed with 1008: the server never buffers without bound. A send made on
 * another thread (a broadcast's fan-out) counts as waiting from the moment it is made, so a
 * thread that outpaces the connection's event loop meets the same limit. Inbound, at most
 * {@link WebSocketOptions#maxQueuedMessages()} messages wait for the application; beyond that
 * the socket is not read.
 *
 * <p>WebSockets are made by the server only: this interface is not for implementing.
 */
public interface WebSocket extends Connection {

    /** Accepts the connection without a subprotocol. */
    default CompletionStage<Void> accept() {
        return accept(null, Map.of());
    }

    /** Accepts the connection, choosing {@code subprotocol}, which the client must have offered. */
    default CompletionStage<Void> accept(String subprotocol) {
        return accept(subprotocol, Map.of());
    }

    /**
     * Accepts with a subprotocol ({@code null} for none) and extra headers on the handshake
     * response. The stage fails with {@link WebSocketDisconnect} (1006) when the client left
     * before, and with {@code IllegalStateException} when the WebSocket was accepted or closed.
     */
    CompletionStage<Void> accept(String subprotocol, Map<String, String> headers);

    /** The subprotocols the client offered ({@code Sec-WebSocket-Protocol}), in order. */
    default List<String> requestedSubprotocols() {
        return headers().getAll("Sec-WebSocket-Protocol").stream()
            .flatMap(value -> Arrays.stream(value.split(",")))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    }

    /** Sends a text message. */
    CompletionStage<Void> sendText(String text);

    /** Sends a binary message (the array is copied). */
    CompletionStage<Void> sendBytes(byte[] bytes);

    /** Sends {@code value} as JSON in a text message. */
    default CompletionStage<Void> sendJson(Object value) {
        try {
            return sendText(Json.mapper().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("cannot serialize to JSON", e));
        }
    }

    /** The next text message. */
    CompletionStage<String> receiveText();

    /** The next binary message. */
    CompletionStage<byte[]> receiveBytes();

    /** The next text message parsed as JSON; malformed JSON fails the stage. */
    default CompletionStage<JsonNode> receiveJson() {
        return receiveJson(JsonNode.class);
    }

    /** The next text message bound to {@code type} by Jackson. */
    default <T> CompletionStage<T> receiveJson(Class<T> type) {
        return receiveText().thenApply(text -> {
            try {
                return Json.mapper().readValue(text, type);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the message is not JSON for " + type.getSimpleName(), e);
            }
        });
    }

    /** Calls {@code callback} with every text message from now on (instead of {@link #receiveText()}). */
    void onText(Consumer<String> callback);

    /** Calls {@code callback} with every binary message from now on. */
    void onBinary(Consumer<byte[]> callback);

    /** Calls {@code callback} once with the close code and reason when the connection ends, whoever ended it. */
    void onClose(BiConsumer<Integer, String> callback);

    /**
     * Completes when the connection has ended, whoever ended it (after the {@link #onClose}
     * callback ran); never fails. Unlike {@code onClose}, any number of parties can wait on it.
     */
    CompletionStage<Void> closed();

    /**
     * Subscribes this WebSocket to {@code topic} until it closes: every message published there
     * is sent to the client as a text message. A client that stops reading is closed with
     * {@code 1008} once its send buffer is full (see the back-pressure rules above), which ends
     * the subscription. The stage is the broadcast's: it fails when the subscription could not
     * be made (a shared broadcast's server unreachable).
     */
    default CompletionStage<Subscription> subscribe(Broadcast broadcast, String topic) {
        return broadcast.subscribe(topic, this::sendText, closed());
    }

    /** Closes with 1000 (normal closure). */
    default void close() {
        close(CloseCodes.NORMAL_CLOSURE, "");
    }

    /** Closes with {@code code}. */
    default void close(int code) {
        close(code, "");
    }

    /**
     * Closes with {@code code} and {@code reason} (cut to 123 bytes). Before {@link #accept()},
     * this denies the connection: see {@link io.nettle.middleware.Middleware#handleWebSocket}.
     *
     * @throws IllegalArgumentException when {@code code} may not be sent ({@link CloseCodes#isSendable})
     */
    void close(int code, String reason);

    /** Where the connection is in its life. Read from another thread, it may be a moment behind. */
    WebSocketState state();

    /** The close code it ended with, once {@link WebSocketState#CLOSED}. */
    Optional<Integer> closeCode();

    /** The close reason it ended with, once closed; empty text when none was given. */
    Optional<String> closeReason();
}
