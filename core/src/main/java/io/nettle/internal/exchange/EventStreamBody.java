package io.nettle.internal.exchange;

import io.nettle.http.BodyProducer;
import io.nettle.http.BodyWriter;
import io.nettle.http.ClientGoneException;
import io.nettle.http.EventStream;
import io.nettle.http.ServerSentEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream of server-sent events over a streamed body: events queue (at most
 * {@link EventStream#MAX_QUEUED}) and go out one write at a time, each once the previous one was
 * taken; a heartbeat comment goes out when nothing else did for a while, so that proxies keep the
 * connection. Guarded by its own lock: events come from any thread.
 */
public final class EventStreamBody implements BodyProducer, EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStreamBody.class);
    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "nettle-sse-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.US_ASCII);

    private record Queued(byte[] bytes, CompletableFuture<Void> sent) {
    }

    private final Consumer<EventStream> handler;
    private final Duration heartbeat;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private BodyWriter body;
    private boolean writing;
    private boolean closing;
    private boolean wroteSinceBeat;
    private ScheduledFuture<?> beats;

    public EventStreamBody(Consumer<EventStream> handler, Duration heartbeat) {
        this.handler = handler;
        this.heartbeat = heartbeat;
    }

    @Override
    public void produce(BodyWriter writer) {
        synchronized (this) {
            body = writer;
            if (!heartbeat.isZero()) {
                long period = heartbeat.toMillis();
                beats = HEARTBEATS.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
            }
        }
        writer.done().thenRun(this::over);
        try {
            handler.accept(this);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.error("An event stream's handler failed; the stream is closed", e);
            close();
        }
    }

    @Override
    public CompletionStage<Void> send(ServerSentEvent event) {
        return enqueue(event.encode());
    }

    @Override
    public CompletionStage<Void> comment(String text) {
        return enqueue((": " + text.replaceAll("[\r\n]", " ") + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    private synchronized CompletionStage<Void> enqueue(byte[] bytes) {
        if (!body.isOpen() || closing) {
            return CompletableFuture.failedFuture(closing && body.isOpen() ? new IllegalStateException("the stream is closed")
                : new ClientGoneException());
        }
        if (queue.size() >= MAX_QUEUED) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                "the client is not keeping up: " + MAX_QUEUED + " events wait already"));
        }
        Queued queued = new Queued(bytes, new CompletableFuture<>());
        queue.add(queued);
        pump();
        return queued.sent();
    }

    /** Writes the next queued event unless one is being written. Holding the lock. */
    private void pump() {
        if (writing) {
            return;
        }
        Queued next = queue.poll();
        if (next == null) {
            if (closing) {
                body.end();
            }
            return;
        }
        writing = true;
        wroteSinceBeat = true;
        body.write(next.bytes()).whenComplete((ok, failure) -> written(next, failure));
    }

    private void written(Queued event, Throwable failure) {
        synchronized (this) {
            writing = false;
            pump();
        }
        if (failure == null) {
            event.sent().complete(null);
        } else {
            event.sent().completeExceptionally(failure);
        }
    }

    /** Sends a heartbeat comment if nothing went out since the last one. */
    private synchronized void beat() {
        if (!wroteSinceBeat && !writing && queue.isEmpty() && body.isOpen() && !closing) {
            writing = true;
            body.write(HEARTBEAT).whenComplete((ok, failure) -> {
                synchronized (this) {
                    writing = false;
                    pump();
                }
            });
        }
        wroteSinceBeat = false;
    }

    @Override
    public synchronized void close() {
        if (!closing) {
            closing = true;
            pump();
        }
    }

    @Override
    public boolean isOpen() {
        synchronized (this) {
            return !closing && body.isOpen();
        }
    }

    @Override
    public CompletionStage<Void> closed() {
        return body.done();
    }

    /** The body is over (ended, or the client left): no more heartbeats, queued events fail. */
    private void over() {
        Queued[] left;
        synchronized (this) {
            if (beats != null) {
                beats.cancel(false);
            }
            left = queue.toArray(Queued[]::new);
            queue.clear();
        }
        for (Queued event : left) {
            event.sent().completeExceptionally(new ClientGoneException());
        }
    }
}
