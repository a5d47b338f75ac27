package io.nettle.http;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The limits of reading a {@code multipart/form-data} body ({@link Request#multipart(MultipartLimits)}):
 * beyond any of them the request fails with {@code 413}. The whole body is bounded by the server's
 * {@code maxBodySize} as well.
 * <pre>{@code
 * request.multipart(MultipartLimits.defaults().maxFileSize(10 * 1024 * 1024).maxParts(10))
 * }</pre>
 */
public final class MultipartLimits {
    private final int maxParts;
    private final long maxFieldSize;
    private final long maxFileSize;
    private final long memoryThreshold;
    private final Path tempDirectory;

    private MultipartLimits(int maxParts, long maxFieldSize, long maxFileSize, long memoryThreshold, Path tempDirectory) {
        this.maxParts = maxParts;
        this.maxFieldSize = maxFieldSize;
        this.maxFileSize = maxFileSize;
        this.memoryThreshold = memoryThreshold;
        this.tempDirectory = tempDirectory;
    }

    /**
     * At most 100 parts, 64 KiB per text field, 10 MiB per file; parts above 16 KiB spill to the
     * system's temporary directory.
     */
    public static MultipartLimits defaults() {
        return new MultipartLimits(100, 64 * 1024, 10L * 1024 * 1024, 16 * 1024, null);
    }

    /** At most {@code parts} fields and files. */
    public MultipartLimits maxParts(int parts) {
        return new MultipartLimits(positive(parts, "maxParts"), maxFieldSize, maxFileSize, memoryThreshold, tempDirectory);
    }

    /** At most {@code bytes} per text field. */
    public MultipartLimits maxFieldSize(long bytes) {
        return new MultipartLimits(maxParts, positive(bytes, "maxFieldSize"), maxFileSize, memoryThreshold, tempDirectory);
    }

    /** At most {@code bytes} per file. */
    public MultipartLimits maxFileSize(long bytes) {
        return new MultipartLimits(maxParts, maxFieldSize, positive(bytes, "maxFileSize"), memoryThreshold, tempDirectory);
    }

    /** Parts larger than {@code bytes} are written to a temporary file instead of being held in memory. */
    public MultipartLimits memoryThreshold(long bytes) {
        return new MultipartLimits(maxParts, maxFieldSize, maxFileSize, positive(bytes, "memoryThreshold"), tempDirectory);
    }

    /** Where spilled parts are written. Default: the system's temporary directory. */
    public MultipartLimits tempDirectory(Path directory) {
        return new MultipartLimits(maxParts, maxFieldSize, maxFileSize, memoryThreshold, Objects.requireNonNull(directory, "directory"));
    }

    public int maxParts() {
        return maxParts;
    }

    public long maxFieldSize() {
        return maxFieldSize;
    }

    public long maxFileSize() {
        return maxFileSize;
    }

    public long memoryThreshold() {
        return memoryThreshold;
    }

    /** The directory for spilled parts, or {@code null} for the system's temporary directory. */
    public Path tempDirectory() {
        return tempDirectory;
    }

    private static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    private static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }
}
