package io.nettle.internal.routing;

import io.nettle.http.HttpException;
import io.nettle.internal.codec.PercentCodec;

/**
 * Splits a raw request path into decoded segments: {@code /} is the empty list,
 * {@code /a/b/} is {@code [a, b, ""]}. Each segment is percent-decoded once, so an encoded
 * {@code %2F} stays inside its segment. Dot segments ({@code .} and {@code ..}, raw or encoded)
 * are refused: routing never resolves them and a client never needs to send them.
 */
public final class PathSegments {
    private static final String[] ROOT = new String[0];
    /** Most segments in a path; more is a 400 (bounds routing work per request). */
    public static final int MAX_SEGMENTS = 128;

    private PathSegments() {
    }

    public static String[] decode(String rawPath) {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            throw new HttpException(400, "Invalid request path: it must start with '/'");
        }
        if (rawPath.length() == 1) {
            return ROOT;
        }
        int count = 1;
        for (int i = 1; i < rawPath.length(); i++) {
            if (rawPath.charAt(i) == '/') {
                count++;
            }
        }
        if (count > MAX_SEGMENTS) {
            throw new HttpException(400, "Invalid request path: more than " + MAX_SEGMENTS + " segments");
        }
        String[] segments = new String[count];
        int start = 1;
        for (int s = 0; s < count; s++) {
            int end = rawPath.indexOf('/', start);
            if (end < 0) {
                end = rawPath.length();
            }
            String segment;
            try {
                segment = PercentCodec.decode(rawPath, start, end, false);
            } catch (PercentCodec.MalformedException e) {
                throw new HttpException(400, "Invalid request path: " + e.getMessage());
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new HttpException(400, "Invalid request path: dot segments are not allowed");
            }
            segments[s] = segment;
            start = end + 1;
        }
        return segments;
    }
}
