package io.nettle.internal;

import java.nio.file.Path;

/**
 * A response body read from a file: {@code length} bytes from {@code offset} (a whole file, or
 * one range of it). Sent without copying ({@code sendfile}) on cleartext HTTP/1.1, read in
 * chunks off the event loop otherwise.
 */
public record FileBody(Path path, long offset, long length) {
}
