package io.nettle.internal.exchange;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.nettle.http.HttpException;
import io.nettle.internal.BodySource;
import io.nettle.internal.codec.RequestDecompression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * One request in flight on a connection: its head and the state of its body, which is read
 * from the socket once the application asks for it (before that, at most {@link #READ_AHEAD}
 * bytes; after the response, what is left is discarded so the connection can be reused).
 * Confined to the connection's loop; the body may be asked for from any thread and the answer
 * comes back on the loop.
 */
public final class Exchange implements BodySource {
    /**
     * How much of a body is read before the application asks for it: enough for the connection
     * to keep reading, and so to notice a client that leaves while the application works (NIO
     * sees a peer's close only when it reads), little enough to hold for any client.
     */
    public static final int READ_AHEAD = 8 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final ExchangeOwner owner;
    private final HttpRequest head;
    private final boolean keepAlive;
    private final long maxBodySize;

    private byte[] body = EMPTY;
    private int size;
    private long discarded;
    private boolean bodyComplete;
    private boolean tooLarge;
    private boolean bodyWanted;
    private boolean continueSent;
    private boolean responded;
    private boolean abandoned;
    private CompletableFuture<byte[]> bodyFuture;
    /** What runs once the exchange is over ({@link #whenDone}); {@code null} once it ran. */
    private List<Runnable> whenDone = new ArrayList<>(0);
    /** The body as it is streamed to a consumer ({@link #stream}), or {@code null}. */
    private BodyStream stream;
    /** Whether a body sent with {@code Content-Encoding: gzip} or {@code deflate} is given inflated. */
    private final boolean decompress;

    public Exchange(ExchangeOwner owner, HttpRequest head, boolean keepAlive, long maxBodySize, boolean decompress) {
        this.owner = owner;
        this.head = head;
        this.keepAlive = keepAlive;
        this.maxBodySize = maxBodySize;
        this.decompress = decompress;
    }

    public HttpRequest head() {
        return head;
    }

    public boolean isHead() {
        return head.method() == HttpMethod.HEAD;
    }

    public boolean keepAlive() {
        return keepAlive;
    }

    public boolean bodyComplete() {
        return bodyComplete;
    }

    public boolean responded() {
        return responded;
    }

    /** Whether the connection should read more from the socket for this exchange. */
    public boolean wantsMore() {
        return !bodyComplete && (bodyWanted || responded) && (stream == null || !stream.busy());
    }

    /** Whether the connection may read on before the application asks for the body (see {@link #READ_AHEAD}). */
    public boolean readsAhead() {
        return stream == null && !bodyComplete && !tooLarge && size < READ_AHEAD;
    }

    /** Whether the client waits for a {@code 100 Continue} that was never sent, so its body may never come. */
    public boolean continueWithheld() {
        return !continueSent && HttpUtil.is100ContinueExpected(head);
    }

    @Override
    public CompletionStage<byte[]> read() {
        if (owner.loop().inLoop()) {
            return readOnLoop();
        }
        CompletableFuture<byte[]> hop = new CompletableFuture<>();
        owner.loop().execute(() -> readOnLoop().whenComplete((bytes, failure) -> {
            if (failure != null) {
                hop.completeExceptionally(failure);
            } else {
                hop.complete(bytes);
            }
        }));
        return hop;
    }

    @Override
    public CompletionStage<Void> stream(Function<byte[], CompletionStage<Void>> consumer) {
        if (owner.loop().inLoop()) {
            return streamOnLoop(consumer);
        }
        CompletableFuture<Void> hop = new CompletableFuture<>();
        owner.loop().execute(() -> streamOnLoop(consumer).whenComplete((ok, failure) -> {
            if (failure != null) {
                hop.completeExceptionally(failure);
            } else {
                hop.complete(null);
            }
        }));
        return hop;
    }

    private CompletionStage<Void> streamOnLoop(Function<byte[], CompletionStage<Void>> consumer) {
        if (bodyFuture != null || stream != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the body is read once"));
        }
        if (decompress && head.headers().contains(HttpHeaderNames.CONTENT_ENCODING)) {
            // Inflated as a whole (bounded by maxBodySize), then handed over as one piece.
            return readOnLoop().thenCompose(consumer);
        }
        if (tooLarge) {
            return CompletableFuture.failedFuture(tooLargeException());
        }
        stream = new BodyStream(owner, consumer);
        if (size > 0) {
            stream.offer(bytes());
            body = EMPTY;
        }
        if (bodyComplete) {
            stream.end();
        } else {
            askForBody();
        }
        return stream.done();
    }

    /** The application wants the body: read it (after a {@code 100 Continue} when the client waits for one). */
    private void askForBody() {
        bodyWanted = true;
        if (continueWithheld()) {
            continueSent = true;
            owner.sendContinue();
        }
        owner.readIfWanted();
    }

    private CompletableFuture<byte[]> readOnLoop() {
        if (stream != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the body is read once"));
        }
        if (bodyFuture == null) {
            bodyFuture = new CompletableFuture<>();
            if (tooLarge) {
                bodyFuture.completeExceptionally(tooLargeException());
            } else if (bodyComplete) {
                completeBody();
            } else {
                askForBody();
            }
        }
        return bodyFuture;
    }

    /** Takes one piece of the body ({@code last}: the end of it) and releases it. */
    public void onContent(ByteBuf data, boolean last) {
        try {
            int readable = data.readableBytes();
            if (responded || tooLarge) {
                discarded += readable;
                if (discarded > maxBodySize) {
                    owner.stopAfterResponse();
                }
            } else if (readable > 0) {
                if ((long) size + readable > maxBodySize) {
                    tooLarge = true;
                    body = EMPTY;
                    owner.stopAfterResponse();
                    if (bodyFuture != null) {
                        bodyFuture.completeExceptionally(tooLargeException());
                    }
                    if (stream != null) {
                        stream.fail(tooLargeException());
                    }
                } else if (stream != null) {
                    size += readable;
                    stream.offer(ByteBufUtil.getBytes(data));
                } else {
                    append(data, readable);
                }
            }
            if (last) {
                bodyComplete = true;
                if (stream != null && !tooLarge) {
                    stream.end();
                }
                if (bodyFuture != null && !tooLarge) {
                    completeBody();
                }
                if (responded) {
                    owner.finish(this);
                }
            }
        } finally {
            data.release();
        }
    }

    @Override
    public boolean abandoned() {
        return abandoned;
    }

    public void markResponded() {
        responded = true;
    }

    @Override
    public void whenDone(Runnable task) {
        owner.loop().run(() -> {
            if (whenDone == null) {
                task.run();
            } else {
                whenDone.add(task);
            }
        });
    }

    /** The exchange is over (responded to and its body read, or abandoned): what waited for it runs, once. */
    public void over() {
        List<Runnable> tasks = whenDone;
        whenDone = null;
        if (tasks != null) {
            tasks.forEach(Runnable::run);
        }
    }

    /** The body cannot be completed (the connection closed, the body timed out or is malformed): a read fails with {@code failure}. */
    public void abort(HttpException failure) {
        over();
        abandoned = true;
        if (bodyFuture != null && !bodyFuture.isDone()) {
            bodyFuture.completeExceptionally(failure);
        }
        if (stream != null) {
            stream.fail(failure);
        }
    }

    private void append(ByteBuf data, int readable) {
        if (size + readable > body.length) {
            body = Arrays.copyOf(body, (int) Math.min(maxBodySize, Math.max(size + readable, Math.max(256, body.length * 2L))));
        }
        data.getBytes(data.readerIndex(), body, size, readable);
        size += readable;
    }

    /** Completes the body's stage with the body, inflated when asked for (or the failure to inflate it). */
    private void completeBody() {
        if (!decompress) {
            bodyFuture.complete(bytes());
            return;
        }
        try {
            bodyFuture.complete(RequestDecompression.inflate(bytes(), head.headers().get(HttpHeaderNames.CONTENT_ENCODING), maxBodySize));
        } catch (HttpException refused) {
            bodyFuture.completeExceptionally(refused);
        }
    }

    private byte[] bytes() {
        return size == body.length ? body : Arrays.copyOf(body, size);
    }

    private HttpException tooLargeException() {
        return new HttpException(413, "Request body larger than " + maxBodySize + " bytes");
    }
}
