package io.nettle.internal.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding and -encoding of URL components (RFC 3986 §2.1), strict: an invalid escape
 * ({@code %zz}, a truncated {@code %4}) or bytes that are not valid UTF-8 (overlong forms
 * included) are rejected, never guessed at. Each component is decoded exactly once.
 */
public final class PercentCodec {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentCodec() {
    }

    /** Thrown for input that is not validly percent-encoded UTF-8. */
    public static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Decodes {@code s[from, to)}; with {@code plusAsSpace} a {@code +} becomes a space (query
     * strings and forms), otherwise it stays (paths).
     */
    public static String decode(String s, int from, int to, boolean plusAsSpace) throws MalformedException {
        int firstSpecial = -1;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || (plusAsSpace && c == '+') || c >= 0x80) {
                firstSpecial = i;
                break;
            }
        }
        if (firstSpecial < 0) {
            return s.substring(from, to);
        }
        byte[] bytes = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= to) {
                    throw new MalformedException("truncated percent-escape");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new MalformedException("invalid percent-escape '" + s.substring(i, i + 3) + "'");
                }
                bytes[n++] = (byte) ((hi << 4) | lo);
                i += 2;
            } else if (plusAsSpace && c == '+') {
                bytes[n++] = ' ';
            } else if (c >= 0x80) {
                throw new MalformedException("raw non-ASCII character in URL");
            } else {
                bytes[n++] = (byte) c;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, 0, n));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new MalformedException("percent-escapes are not valid UTF-8");
        }
    }

    /** Percent-encodes {@code s} for use as one path segment: everything but RFC 3986 unreserved characters and sub-delims safe in paths. */
    public static String encodePathSegment(String s) {
        return encode(s, "-._~!$&'()*+,;=:@");
    }

    /** Percent-encodes {@code s} for use as a query name or value. */
    public static String encodeQueryComponent(String s) {
        return encode(s, "-._~!$'()*,:@/?");
    }

    /**
     * Encodes {@code s} as a form value the way Python's {@code urllib.parse.quote_plus} does
     * (and so Starlette's {@code next} parameter): only letters, digits and {@code -._~} stay,
     * a space becomes {@code +}.
     */
    public static String encodeFormComponent(String s) {
        return encode(s, "-._~ ").replace(" ", "+");
    }

    private static String encode(String s, String safe) {
        StringBuilder sb = null;
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || (b < 0x80 && safe.indexOf(b) >= 0);
            if (plain) {
                if (sb != null) {
                    sb.append((char) b);
                }
            } else {
                if (sb == null) {
                    sb = new StringBuilder(bytes.length * 3);
                    for (int j = 0; j < i; j++) {
                        sb.append((char) bytes[j]);
                    }
                }
                sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
