package io.nettle.testing;

import java.time.Duration;
import java.util.List;

/**
 * The lines of the access log (logger {@code io.nettle.access}, which the tests module's
 * surefire configuration sets to INFO) written while it is open, read from {@code System.err}
 * through an {@link ErrorLog}. A server on a socket logs on its own event loop, possibly after
 * the client has its answer: {@link #await(int)} waits for them.
 * <pre>{@code
 * try (AccessLogLines log = AccessLogLines.capture(); TestClient client = ...) {
 *     client.get("/");
 *     assertThat(log.await(1)).singleElement().asString().startsWith("testclient - \"GET / HTTP/1.1\" 200");
 * }
 * }</pre>
 */
public final class AccessLogLines implements AutoCloseable {
    /** What slf4j-simple writes before an access log message: {@code [thread] INFO io.nettle.access - }. */
    private static final String MARK = " INFO io.nettle.access - ";
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final ErrorLog err;

    private AccessLogLines(ErrorLog err) {
        this.err = err;
    }

    /** Starts capturing; {@link #close()} stops. */
    public static AccessLogLines capture() {
        return new AccessLogLines(ErrorLog.capture());
    }

    /** The access log messages so far, without slf4j-simple's prefix. */
    public List<String> lines() {
        return err.text().lines().filter(line -> line.contains(MARK))
            .map(line -> line.substring(line.indexOf(MARK) + MARK.length())).toList();
    }

    /** The messages once there are at least {@code count} (waiting up to 5 s), then a little longer to catch extra ones. */
    public List<String> await(int count) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (lines().size() < count && System.nanoTime() < deadline) {
            pause(10);
        }
        pause(50);
        return lines();
    }

    /** Everything captured from {@code System.err}: the raw text, for checking that nothing else looks like a line. */
    public String text() {
        return err.text();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        err.close();
    }
}
