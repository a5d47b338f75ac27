package io.nettle.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what is written to {@code System.err} while it is open (and still passes it on), so
 * that a test can count the lines logged at ERROR. The tests log through slf4j-simple, which
 * looks {@code System.err} up at each write (it is not configured with {@code cacheOutputStream}),
 * so swapping the stream here sees every log line written meanwhile, from any thread. Published to
 * other modules' tests through testkit's test-jar.
 * <pre>{@code
 * ErrorLog log = ErrorLog.capture();
 * try (log; Server server = ...) { ... }
 * assertThat(log.errorLines()).isZero();
 * }</pre>
 */
public final class ErrorLog implements AutoCloseable {
    private final PrintStream original;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private boolean closed;

    private ErrorLog(PrintStream original) {
        this.original = original;
    }

    /** Starts capturing {@code System.err}; {@link #close()} puts the original stream back. */
    public static ErrorLog capture() {
        ErrorLog log = new ErrorLog(System.err);
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (log.captured) {
                    log.captured.write(b);
                }
                log.original.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (log.captured) {
                    log.captured.write(bytes, offset, length);
                }
                log.original.write(bytes, offset, length);
            }

            @Override
            public void flush() {
                log.original.flush();
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
        return log;
    }

    /** Everything written to {@code System.err} since the capture began (up to its close). */
    public String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** How many lines were logged at ERROR (slf4j-simple writes {@code [thread] ERROR logger - message}). */
    public long errorLines() {
        return text().lines().filter(line -> line.contains(" ERROR ")).count();
    }

    /** Restores the original {@code System.err}; the captured text stays readable. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            System.err.flush();
            System.setErr(original);
        }
    }
}
