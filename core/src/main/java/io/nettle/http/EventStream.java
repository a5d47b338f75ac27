package io.nettle.http;

import io.nettle.broadcast.Broadcast;
import io.nettle.broadcast.Subscription;
import java.util.concurrent.CompletionStage;

/**
 * A stream of server-sent events to one client ({@link Response#events}), open until either side
 * closes it. Safe to use from any thread: events are sent in the order given.
 *
 * <p>Back-pressure: each send's stage completes once the client took the event. Events sent
 * meanwhile wait in a queue of at most {@value #MAX_QUEUED} events; beyond that a send fails at
 * once with {@link IllegalStateException} (the client is not keeping up) instead of holding more
 * memory. When the client leaves, sends fail with {@link ClientGoneException} and
 * {@link #closed()} completes: stop sending.
 */
public interface EventStream {
    /** Most events waiting for a slow client; a send beyond fails. */
    int MAX_QUEUED = 256;

    /** Sends {@code event}. */
    CompletionStage<Void> send(ServerSentEvent event);

    /** Sends an event of the default type with {@code data}. */
    default CompletionStage<Void> send(String data) {
        return send(ServerSentEvent.of(data));
    }

    /** Sends a comment line ({@code : text}), which clients ignore (line breaks become spaces). */
    CompletionStage<Void> comment(String text);

    /**
     * Subscribes this stream to {@code topic} until it closes: every message published there is
     * sent as the data of an event of the default type. When the client does not keep up (a
     * send finds the queue full) the stream is ended rather than a message skipped: the browser's
     * {@code EventSource} reconnects, and what was published in between is missed (a broadcast
     * is at most once). The stage is the broadcast's.
     */
    default CompletionStage<Subscription> subscribe(Broadcast broadcast, String topic) {
        return broadcast.subscribe(topic, message -> send(message).whenComplete((sent, failure) -> {
            if (failure instanceof IllegalStateException) {
                close();
            }
        }), closed());
    }

    /** Ends the stream once the events already sent are out. */
    void close();

    /** Whether events can still be sent. */
    boolean isOpen();

    /** Completes when the stream is over: closed by the server, or the client left. Never fails. */
    CompletionStage<Void> closed();
}
