package io.nettle.internal.files;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What a static source holds at a path: a file on disk ({@code file}) or a resource read into
 * memory ({@code bytes}), with its size and last change.
 *
 * @param name     the file name, for its content type
 * @param file     the file on disk, or {@code null}
 * @param bytes    the resource's content, or {@code null}
 * @param size     its size in bytes
 * @param modified when it last changed
 */
record Entry(String name, Path file, byte[] bytes, long size, Instant modified) {
}
