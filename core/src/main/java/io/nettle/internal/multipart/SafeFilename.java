package io.nettle.internal.multipart;

/** A client's file name made safe to show and to log: last path segment, no control characters, bounded. */
final class SafeFilename {
    private static final int MAX = 255;

    private SafeFilename() {
    }

    static String of(String given) {
        if (given == null) {
            return "upload";
        }
        String name = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1);
        StringBuilder safe = new StringBuilder(Math.min(name.length(), MAX));
        for (int i = 0; i < name.length() && safe.length() < MAX; i++) {
            char c = name.charAt(i);
            if (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0) && c != '\u2028' && c != '\u2029') {
                safe.append(c);
            }
        }
        String trimmed = safe.toString().trim();
        return trimmed.isEmpty() || trimmed.equals(".") || trimmed.equals("..") ? "upload" : trimmed;
    }
}
