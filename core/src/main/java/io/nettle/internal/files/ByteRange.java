package io.nettle.internal.files;

/**
 * The one byte range of a {@code Range} header (RFC 9110 §14.1.2) that a file of {@code size}
 * bytes is sent for: {@code bytes=first-last}, {@code bytes=first-} or {@code bytes=-suffix}.
 *
 * @param first the first byte sent
 * @param last  the last byte sent, inclusive
 */
record ByteRange(long first, long last) {
    /** The answer to a header this server does not honour (another unit, several ranges, bad syntax): the whole file. */
    static final ByteRange WHOLE = new ByteRange(-1, -1);
    /** No byte of the file is in the range: {@code 416}. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-2, -2);

    /** The range {@code header} asks of a file of {@code size} bytes. */
    static ByteRange of(String header, long size) {
        String spec = header.trim();
        if (!spec.regionMatches(true, 0, "bytes=", 0, 6) || spec.indexOf(',') >= 0) {
            return WHOLE;
        }
        String range = spec.substring(6).trim();
        int dash = range.indexOf('-');
        if (dash < 0) {
            return WHOLE;
        }
        long start = number(range.substring(0, dash).trim());
        long end = number(range.substring(dash + 1).trim());
        if (start == -1 && end == -1 || start == -2 || end == -2) {
            return WHOLE;
        }
        if (start == -1) {
            // A suffix: the last `end` bytes.
            return end == 0 || size == 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, size - end), size - 1);
        }
        if (end != -1 && end < start) {
            return WHOLE;
        }
        if (start >= size) {
            return UNSATISFIABLE;
        }
        return new ByteRange(start, end == -1 ? size - 1 : Math.min(end, size - 1));
    }

    /** The digits of {@code text} as a number; -1 when empty, -2 when not digits (or too long). */
    private static long number(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        if (text.length() > 18) {
            return -2;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -2;
            }
        }
        return Long.parseLong(text);
    }

    long length() {
        return last - first + 1;
    }
}
