package io.nettle.internal.exchange;

import io.netty.buffer.Unpooled;
import io.nettle.http.BodyProducer;
import io.nettle.http.BodyWriter;
import io.nettle.http.ClientGoneException;
import io.nettle.http.ConnectionExecutor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BodyWriter} of one streamed response, between its producer (any thread) and the
 * protocol's {@link BodyChannel} (the connection's loop). Each write's stage completes on a later
 * turn of the loop once the connection is writable, never inside {@code write} itself, so a
 * producer that writes again from the stage's callback does not recurse; a write before the
 * previous stage completed fails. The producer is paused, never buffered without bound.
 */
public final class StreamedBody implements BodyWriter {
    private static final Logger LOG = LoggerFactory.getLogger(StreamedBody.class);

    private final ConnectionExecutor loop;
    private final BodyChannel channel;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    /** Total body bytes sent, for the access log. */
    private long sent;
    private volatile boolean over;
    private volatile boolean gone;
    /** The stage of the last write until it completes, else {@code null}. */
    private CompletableFuture<Void> pending;
    /** Completes the pending write's stage when the connection can take more; run on the loop. */
    private final Runnable release = this::release;

    public StreamedBody(ConnectionExecutor loop, BodyChannel channel) {
        this.loop = loop;
        this.channel = channel;
    }

    /** Runs {@code producer} on this body (on the loop); a producer that throws aborts it. */
    public void start(BodyProducer producer) {
        try {
            producer.produce(this);
        } catch (Exception | LinkageError | AssertionError e) {
            LOG.error("A streamed body's producer failed; the response is aborted", e);
            abort();
        }
    }

    /** Body bytes sent so far. */
    public long sent() {
        return sent;
    }

    @Override
    public CompletionStage<Void> write(byte[] bytes) {
        if (!loop.inLoop()) {
            CompletableFuture<Void> hop = new CompletableFuture<>();
            loop.execute(() -> writeOnLoop(bytes).whenComplete((ok, failure) -> {
                if (failure != null) {
                    hop.completeExceptionally(failure);
                } else {
                    hop.complete(null);
                }
            }));
            return hop;
        }
        return writeOnLoop(bytes);
    }

    @Override
    public CompletionStage<Void> write(String text) {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    private CompletableFuture<Void> writeOnLoop(byte[] bytes) {
        if (gone) {
            return CompletableFuture.failedFuture(new ClientGoneException());
        }
        if (over) {
            return CompletableFuture.failedFuture(new IllegalStateException("the body was ended"));
        }
        if (pending != null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                "the previous write is still pending: write the next piece when its stage completes"));
        }
        CompletableFuture<Void> stage = new CompletableFuture<>();
        pending = stage;
        if (bytes.length > 0) {
            sent += bytes.length;
            channel.send(Unpooled.wrappedBuffer(bytes));
        }
        if (channel.isWritable()) {
            loop.execute(release);
        }
        return stage;
    }

    /** The connection can take more: a pending write's stage completes, on a later turn of the loop. */
    public void writable() {
        if (pending != null) {
            loop.execute(release);
        }
    }

    private void release() {
        CompletableFuture<Void> waiting = pending;
        if (waiting != null && channel.isWritable()) {
            pending = null;
            waiting.complete(null);
        }
    }

    /** The client left: writes fail from now on, and the producer learns it from {@link #done()}. */
    public void clientGone() {
        if (gone || over) {
            return;
        }
        gone = true;
        CompletableFuture<Void> waiting = pending;
        pending = null;
        if (waiting != null) {
            waiting.completeExceptionally(new ClientGoneException());
        }
        done.complete(null);
    }

    @Override
    public void end() {
        if (!loop.inLoop()) {
            loop.execute(this::end);
            return;
        }
        if (over || gone) {
            return;
        }
        over = true;
        channel.end();
        done.complete(null);
    }

    @Override
    public void abort() {
        if (!loop.inLoop()) {
            loop.execute(this::abort);
            return;
        }
        if (over || gone) {
            return;
        }
        over = true;
        CompletableFuture<Void> waiting = pending;
        pending = null;
        if (waiting != null) {
            waiting.completeExceptionally(new IllegalStateException("the response was aborted"));
        }
        channel.abort();
        done.complete(null);
    }

    @Override
    public boolean isOpen() {
        return !over && !gone;
    }

    @Override
    public CompletionStage<Void> done() {
        return done;
    }
}
