package io.nettle.internal.files;

import java.util.List;

/**
 * The segments of a request path under a static root, or none when the path may not name a
 * file there: an empty, {@code .} or {@code ..} segment, a backslash, NUL or other control
 * character, a colon (a drive letter), or, unless dot files are served, a segment starting with
 * {@code .}. Checked on the decoded path, so encoded dots and slashes are caught as well.
 */
final class SafePath {
    private SafePath() {
    }

    /** The segments of {@code path} ({@code a/b.css}), or {@code null} when it is refused; an empty path has none. */
    static List<String> segments(String path, boolean dotFiles) {
        if (path.isEmpty()) {
            return List.of();
        }
        List<String> segments = List.of(path.split("/", -1));
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (segment.isEmpty() && !last || segment.equals(".") || segment.equals("..") || !dotFiles && segment.startsWith(".")) {
                return null;
            }
            for (int c = 0; c < segment.length(); c++) {
                char ch = segment.charAt(c);
                if (ch < 0x20 || ch == 0x7f || ch == '\\' || ch == ':') {
                    return null;
                }
            }
        }
        return segments;
    }
}
