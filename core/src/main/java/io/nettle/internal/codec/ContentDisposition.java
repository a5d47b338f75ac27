package io.nettle.internal.codec;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} for a file name of any characters (RFC 6266): a
 * {@code filename} that every client reads (ASCII, quotes and backslashes and control characters
 * replaced) and {@code filename*} with the exact name in UTF-8.
 */
public final class ContentDisposition {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ContentDisposition() {
    }

    /** The header value offering a download named {@code fileName}. */
    public static String attachment(String fileName) {
        StringBuilder ascii = new StringBuilder(fileName.length());
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            ascii.append(c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '/' ? '_' : c);
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + attrChars(fileName);
    }

    /** {@code value} percent-encoded but for RFC 8187's attr-char. */
    private static String attrChars(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
