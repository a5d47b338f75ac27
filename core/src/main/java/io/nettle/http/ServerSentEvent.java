package io.nettle.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * One server-sent event: its data (any text, several lines included), and optionally its type
 * ({@code event}), {@code id} (which the browser sends back as {@code Last-Event-ID} when it
 * reconnects) and {@code retry} delay. Immutable.
 * <pre>{@code
 * stream.send(ServerSentEvent.of("{\"n\": 6}").withEvent("tick").withId("6"));
 * }</pre>
 */
public final class ServerSentEvent {
    private final String data;
    private final String event;
    private final String id;
    private final Duration retry;

    private ServerSentEvent(String data, String event, String id, Duration retry) {
        this.data = data;
        this.event = event;
        this.id = id;
        this.retry = retry;
    }

    /** An event of the default type ({@code message}) with {@code data}; line breaks in it make several {@code data} lines. */
    public static ServerSentEvent of(String data) {
        return new ServerSentEvent(Objects.requireNonNull(data, "data"), null, null, null);
    }

    /**
     * This event with the type {@code event} (what {@code addEventListener} listens to).
     *
     * @throws IllegalArgumentException when it holds a line break
     */
    public ServerSentEvent withEvent(String event) {
        return new ServerSentEvent(data, oneLine(event, "event"), id, retry);
    }

    /**
     * This event with {@code id}.
     *
     * @throws IllegalArgumentException when it holds a line break or NUL
     */
    public ServerSentEvent withId(String id) {
        if (oneLine(id, "id").indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an event id must not contain NUL");
        }
        return new ServerSentEvent(data, event, id, retry);
    }

    /** This event telling the browser to wait {@code delay} before reconnecting. */
    public ServerSentEvent withRetry(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("retry must not be negative");
        }
        return new ServerSentEvent(data, event, id, delay);
    }

    public String data() {
        return data;
    }

    /** The wire form: its fields, one {@code data:} line per line of data, and the blank line that ends it. */
    public byte[] encode() {
        StringBuilder text = new StringBuilder(data.length() + 32);
        if (event != null) {
            text.append("event: ").append(event).append('\n');
        }
        if (id != null) {
            text.append("id: ").append(id).append('\n');
        }
        if (retry != null) {
            text.append("retry: ").append(retry.toMillis()).append('\n');
        }
        for (String line : data.split("\r\n|\r|\n", -1)) {
            text.append("data: ").append(line).append('\n');
        }
        return text.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String oneLine(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an event " + field + " must not contain a line break");
        }
        return value;
    }

    @Override
    public String toString() {
        return new String(encode(), StandardCharsets.UTF_8);
    }
}
