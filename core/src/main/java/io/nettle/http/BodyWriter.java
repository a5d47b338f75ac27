package io.nettle.http;

import java.util.concurrent.CompletionStage;

/**
 * Where a streamed response body goes ({@link Response#stream(String, BodyProducer)}): chunked
 * on HTTP/1.1, DATA frames on HTTP/2. Safe to use from any thread.
 *
 * <p>Back-pressure: each {@link #write} returns a stage that completes once the connection can
 * take more (at once while the client keeps up; later when it reads slowly). Write the next
 * piece when the previous stage completed: a write made while the previous one is still pending
 * fails with {@link IllegalStateException}, so memory stays bounded by one piece per response.
 * When the client leaves, pending and later writes fail with {@link ClientGoneException} and
 * {@link #done()} completes: stop producing.
 * <pre>{@code
 * Response.stream("text/plain; charset=utf-8", body -> writeCount(body, 1));
 *
 * static void writeCount(BodyWriter body, int n) {
 *     if (n > 100) {
 *         body.end();
 *     } else {
 *         body.write(n + "\n").thenRun(() -> writeCount(body, n + 1));
 *     }
 * }
 * }</pre>
 */
public interface BodyWriter {

    /**
     * Sends {@code bytes} (not copied: do not change them afterwards).
     *
     * @return a stage completing when the next piece may be written; failing with
     *         {@link ClientGoneException} when the client left, or {@link IllegalStateException}
     *         when the body was ended or the previous write is still pending
     */
    CompletionStage<Void> write(byte[] bytes);

    /** Sends {@code text} as UTF-8; see {@link #write(byte[])}. */
    CompletionStage<Void> write(String text);

    /** Ends the body: the response is complete. Nothing more may be written. */
    void end();

    /**
     * Ends the response abnormally, so that the client cannot take it for complete: on HTTP/1.1
     * the connection is closed before the last chunk, on HTTP/2 the stream is reset. For a
     * producer that failed half-way.
     */
    void abort();

    /** Whether writes are still possible: not ended or aborted, and the client is still there. */
    boolean isOpen();

    /** Completes when the body is over: ended, aborted, or the client left. Never fails. */
    CompletionStage<Void> done();
}
