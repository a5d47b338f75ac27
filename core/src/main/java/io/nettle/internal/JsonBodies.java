package io.nettle.internal;

import io.nettle.http.HttpException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks JSON request bodies for {@code Request.json()}: strict UTF-8, before Jackson reads them.
 * Positions are "line L, column C", 1-based, counted in characters (code points) of the decoded
 * text; a line ends at {@code \n}, {@code \r} or {@code \r\n}, as Jackson counts them.
 */
public final class JsonBodies {
    private static final String INVALID = "Invalid JSON body: ";

    private JsonBodies() {
    }

    /** Refuses, with a 400, a body that is not well-formed UTF-8 or whose encoding Jackson would guess. */
    public static void check(byte[] body) {
        requireUtf8(body);
        requireNoEncodingGuess(body);
    }

    /**
     * Refuses a body that is not well-formed UTF-8 (overlong forms, encoded surrogates, truncated
     * sequences, bytes that never occur in UTF-8, code points above U+10FFFF), which Jackson's byte
     * parser lets through inside strings. The body is validated by the JDK's strict decoder and
     * then parsed from its bytes, rather than decoded once into chars and parsed from those:
     * Jackson's byte parser is its fastest, a decoded copy would cost two bytes of chars per byte of
     * body (up to twice the body limit), and this check is one pass that skips ASCII with a plain
     * loop and decodes the rest into a small buffer, reused through the pass. Jackson reports byte
     * offsets; they are turned into character positions only when there is an error to report.
     */
    static void requireUtf8(byte[] body) {
        int start = 0;
        while (start < body.length && body[start] >= 0) {
            start++;
        }
        if (start == body.length) {
            return;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, start, body.length - start);
        CharBuffer out = CharBuffer.allocate(Math.min(512, body.length - start + 1));
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isOverflow()) {
                out.clear();
            } else if (result.isError()) {
                // the decoder stops at the first byte of the sequence it refuses
                throw invalid("not valid UTF-8 at " + position(body, in.position()));
            } else {
                out.clear();
                decoder.flush(out);
                return;
            }
        }
    }

    /**
     * Jackson guesses UTF-16 or UTF-32 when one of the first two bytes is NUL; such a body is
     * valid UTF-8, but as UTF-8 JSON it starts with a character JSON does not allow.
     */
    private static void requireNoEncodingGuess(byte[] body) {
        int nul = body.length > 0 && body[0] == 0 ? 0 : body.length > 1 && body[1] == 0 ? 1 : -1;
        if (nul >= 0) {
            throw invalid("unexpected character at " + position(body, nul));
        }
    }

    /**
     * "line L, column C" of the byte at {@code offset}, counted in characters of the decoded text.
     * The bytes before it are valid UTF-8 (checked, or the decoder would have stopped earlier), so
     * its characters are the bytes that do not continue a sequence: no decoding, no allocation.
     * A leading byte order mark is not a column.
     */
    static String position(byte[] body, long offset) {
        int end = (int) Math.min(Math.max(offset, 0), body.length);
        int start = body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF ? 3 : 0;
        int line = 1;
        int column = 1;
        for (int i = start; i < end; i++) {
            byte b = body[i];
            if (b == '\r' || (b == '\n' && (i == start || body[i - 1] != '\r'))) {
                line++;
                column = 1;
            } else if (b != '\n' && (b & 0xC0) != 0x80) {
                column++;
            }
        }
        return "line " + line + ", column " + column;
    }

    private static HttpException invalid(String what) {
        return new HttpException(400, INVALID + what);
    }
}
