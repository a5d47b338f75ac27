package io.nettle.internal.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import io.nettle.http.HttpException;
import io.nettle.http.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads JSON request bodies for {@code Request.json()}: strict UTF-8, then Jackson, and a 400 that
 * says what is wrong and where in the client's terms.
 *
 * <p>The 400's text is built from the kind of the failure (which exception, which limit, which
 * field and what JSON the field expects) and its position only, never from Jackson's message,
 * which names Java classes and Jackson features. Positions are "line L, column C", 1-based, counted
 * in characters (code points) of the decoded text; a line ends at {@code \n}, {@code \r} or
 * {@code \r\n}, as Jackson counts them.
 */
public final class JsonBodies {
    private static final String INVALID = "Invalid JSON body: ";

    private JsonBodies() {
    }

    /** The body as a JSON tree (JSON {@code null} is a {@code NullNode}); a 400 when it is not valid JSON in UTF-8. */
    public static JsonNode tree(byte[] body) {
        return read(body, JsonNode.class);
    }

    /**
     * The body bound to {@code type}; a 400 when it is not valid JSON in UTF-8, does not fit
     * {@code type}, or is {@code null}. A type Jackson cannot bind at all is the application's bug:
     * an {@link IllegalStateException} (a 500).
     */
    public static <T> T bind(byte[] body, Class<T> type) {
        T value = read(body, type);
        if (value == null) {
            String kind = JsonBodyErrors.kind(type);
            throw invalid(kind == null ? "null is not accepted" : "expected " + kind + ", got null");
        }
        return value;
    }

    private static <T> T read(byte[] body, Class<T> type) {
        requireUtf8(body);
        requireNoEncodingGuess(body);
        // Trailing content is checked here rather than by the mapper's FAIL_ON_TRAILING_TOKENS, whose
        // failure cannot be told from a value of the wrong type without reading its message. The
        // reader is made from the mapper at each call, so that it sees the mapper as it is now.
        ObjectReader reader = Json.mapper().readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (JsonParser parser = Json.mapper().createParser(body)) {
            try {
                if (parser.nextToken() == null) {
                    throw invalid("the body is empty");
                }
                T value = reader.readValue(parser);
                if (parser.nextToken() != null) {
                    throw invalid("unexpected content after the value" + JsonBodyErrors.at(body, parser.currentTokenLocation()));
                }
                return value;
            } catch (InvalidDefinitionException e) {
                throw new IllegalStateException("A JSON body cannot be bound to " + type.getName(), e);
            } catch (JsonProcessingException e) {
                throw invalid(JsonBodyErrors.describe(e, body, parser));
            }
        } catch (IOException e) {
            throw invalid("the body cannot be read");
        }
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
                throw invalid("not valid UTF-8 at " + JsonBodyErrors.position(body, in.position()));
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
            throw invalid("unexpected character at " + JsonBodyErrors.position(body, nul));
        }
    }

    private static HttpException invalid(String what) {
        return new HttpException(400, INVALID + what);
    }
}
