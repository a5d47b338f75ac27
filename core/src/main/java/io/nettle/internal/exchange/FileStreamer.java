package io.nettle.internal.exchange;

import io.nettle.http.BodyProducer;
import io.nettle.http.BodyWriter;
import io.nettle.internal.FileBody;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@link FileBody} where no zero-copy transfer is possible (TLS, HTTP/2): 64 KiB at a
 * time, each read on the blocking executor (never on an event loop), the next one once the
 * previous piece was taken, so a slow client pauses the reading.
 */
public final class FileStreamer implements BodyProducer {
    private static final Logger LOG = LoggerFactory.getLogger(FileStreamer.class);
    private static final int CHUNK = 64 * 1024;

    private final FileBody file;
    private final Executor blocking;
    private FileChannel channel;
    private long position;
    private long left;

    public FileStreamer(FileBody file, Executor blocking) {
        this.file = file;
        this.blocking = blocking;
        this.position = file.offset();
        this.left = file.length();
    }

    @Override
    public void produce(BodyWriter body) {
        if (left == 0) {
            body.end();
        } else {
            next(body);
        }
    }

    private void next(BodyWriter body) {
        try {
            blocking.execute(() -> readAndSend(body));
        } catch (RejectedExecutionException busy) {
            LOG.warn("No blocking thread free to read {}; the response is aborted", file.path());
            close();
            body.abort();
        }
    }

    private void readAndSend(BodyWriter body) {
        if (!body.isOpen()) {
            close();
            return;
        }
        byte[] piece;
        try {
            if (channel == null) {
                channel = FileChannel.open(file.path(), StandardOpenOption.READ);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, left));
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position + buffer.position());
                if (n < 0) {
                    throw new IOException("the file got shorter while being sent");
                }
            }
            piece = buffer.array();
        } catch (IOException e) {
            LOG.warn("Reading {} failed; the response is aborted: {}", file.path(), e.getMessage());
            close();
            body.abort();
            return;
        }
        position += piece.length;
        left -= piece.length;
        body.write(piece).whenComplete((ok, failure) -> {
            if (failure != null) {
                close();
            } else if (left == 0) {
                close();
                body.end();
            } else {
                next(body);
            }
        });
    }

    private void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing more is read from it.
            }
            channel = null;
        }
    }
}
