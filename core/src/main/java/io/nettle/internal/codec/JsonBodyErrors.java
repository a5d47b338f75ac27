package io.nettle.internal.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nettle.http.Json;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What is wrong with a JSON request body, in the client's terms: the kind of the parser's or
 * binder's failure (a syntax error, the end of input, a limit, a field of the wrong type) and
 * where it happened ("line L, column C", 1-based, in characters of the decoded text), never the
 * parser's own message, which names Java classes and Jackson features.
 */
final class JsonBodyErrors {
    /** Longest field path quoted in a message; a longer one is cut. */
    private static final int MAX_PATH_LENGTH = 100;

    private JsonBodyErrors() {
    }

    /** What is wrong, in the client's terms, from the kind of {@code e} and where it happened. */
    static String describe(JsonProcessingException e, byte[] body, JsonParser parser) {
        String path = e instanceof JsonMappingException mapping ? path(mapping.getPath()) : "";
        JsonProcessingException kind = e;
        if (e instanceof JsonMappingException && e.getCause() instanceof JsonProcessingException cause
                && !(cause instanceof JsonMappingException)) {
            kind = cause;   // a parser failure that databind wrapped to add the field's path
        }
        if (kind instanceof StreamConstraintsException limit) {
            String what = tooLarge(limit);
            if (limit.getLocation() != null) {
                return what + at(body, limit.getLocation());
            }
            // no location of its own: a number is read whole, the parser stands just after it; other
            // limits are hit at the start of a token (the bracket one level too deep, a string)
            return what + (what.startsWith("a number")
                ? at(body, wordStart(body, parser.currentLocation()))
                : at(body, parser.currentTokenLocation()));
        }
        if (kind instanceof InputCoercionException) {
            return (path.isEmpty() ? "a number is out of range" : label(path) + " has a number out of range")
                + at(body, wordStart(body, e.getLocation()));
        }
        if (kind instanceof PropertyBindingException) {
            return "unknown field '" + path + "'" + at(body, e.getLocation());
        }
        if (kind instanceof InvalidFormatException format) {
            Class<?> target = format.getTargetType();
            String expected = kind(target);
            String what;
            if (target != null && target.isEnum()) {
                what = path.isEmpty() ? "not one of the allowed values" : label(path) + " is not one of the allowed values";
            } else if ("a number".equals(expected) || "true or false".equals(expected)) {
                what = path.isEmpty() ? "expected " + expected : label(path) + " expects " + expected;
            } else {
                what = path.isEmpty() ? "an invalid value" : label(path) + " has an invalid value";
            }
            return what + at(body, e.getLocation());
        }
        if (kind instanceof MismatchedInputException mismatch) {
            if (offset(e.getLocation()) >= body.length) {
                return "ends too soon" + at(body, e.getLocation());
            }
            String expected = kind(mismatch.getTargetType());
            String what;
            if (expected != null) {
                what = path.isEmpty() ? "expected " + expected : label(path) + " expects " + expected;
            } else {
                what = path.isEmpty() ? "a value of the wrong type" : label(path) + " has a value of the wrong type";
            }
            return what + at(body, e.getLocation());
        }
        if (kind instanceof JsonMappingException) {
            // the value was read but not accepted: a constructor that refused it, for example
            return (path.isEmpty() ? "the value is not accepted" : label(path) + " is not accepted") + at(body, e.getLocation());
        }
        long offset = offset(e.getLocation());
        if (offset > 0 && offset <= body.length && isControl(body[(int) offset - 1])) {
            // a control character between tokens is reported just after it
            return "unexpected character" + at(body, offset - 1);
        }
        if (kind instanceof JsonEOFException || offset >= body.length) {
            return "ends too soon" + at(body, e.getLocation());
        }
        return "unexpected character" + at(body, wordStart(body, e.getLocation()));
    }

    /**
     * Which of the parser's limits was hit. The exception has no kind of its own; its message,
     * one of Jackson's fixed templates, is read here to tell the limits apart and is never sent.
     */
    private static String tooLarge(StreamConstraintsException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Document nesting depth")) {
            return "nested too deeply (more than " + Json.MAX_NESTING_DEPTH + " levels)";
        }
        if (message.startsWith("Number value length")) {
            return "a number is too long (more than " + Json.MAX_NUMBER_LENGTH + " characters)";
        }
        if (message.startsWith("String value length")) {
            return "a string is too long";
        }
        if (message.startsWith("Name length")) {
            return "a field name is too long";
        }
        return "too large to read";
    }

    /** The JSON a value of {@code type} is read from, {@code null} when it is not one kind. */
    static String kind(Class<?> type) {
        if (type == null || type == Object.class) {
            return null;
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == char.class || type == Character.class || CharSequence.class.isAssignableFrom(type) || type.isEnum()
                || type == byte[].class) {
            return "a string";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type) || ArrayNode.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || ObjectNode.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        if (JsonNode.class.isAssignableFrom(type) || type.getName().startsWith("java.") || type.getName().startsWith("javax.")) {
            return null;   // any JSON, or a JDK type read from a string or a number (UUID, URI, dates...)
        }
        return "an object";   // the application's own class, read as a bean
    }

    /** Field names joined with '.', array indexes as [i]: {@code items[1].qty}. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        StringBuilder printable = new StringBuilder(Math.min(path.length(), MAX_PATH_LENGTH + 3));
        for (int i = 0; i < path.length() && i < MAX_PATH_LENGTH; i++) {
            char c = path.charAt(i);
            printable.append(Character.isISOControl(c) ? '?' : c);
        }
        if (path.length() > MAX_PATH_LENGTH) {
            printable.append("...");
        }
        return printable.toString();
    }

    private static String label(String path) {
        return (path.endsWith("]") ? "element '" : "field '") + path + "'";
    }

    static String at(byte[] body, JsonLocation location) {
        String position = position(body, location);
        return position.isEmpty() ? "" : " at " + position;
    }

    private static String at(byte[] body, long offset) {
        return offset < 0 ? "" : " at " + position(body, offset);
    }

    private static long offset(JsonLocation location) {
        return location == null ? -1 : location.getByteOffset();
    }

    private static String position(byte[] body, JsonLocation location) {
        if (location == null) {
            return "";
        }
        if (location.getByteOffset() >= 0) {
            return position(body, location.getByteOffset());
        }
        return location.getLineNr() > 0 && location.getColumnNr() > 0
            ? "line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
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

    /**
     * Jackson places some errors just after the word it refused ({@code NaN}, {@code Infinity},
     * {@code 1.}, a number out of range) and others on it ({@code nope}); this points at the
     * word's start in both cases. An error on a letter or digit is left where it is ({@code 1x}
     * is wrong at the {@code x}).
     */
    private static long wordStart(byte[] body, JsonLocation location) {
        long offset = offset(location);
        if (offset <= 0 || offset > body.length || (offset < body.length && isWord(body[(int) offset]))) {
            return location == null ? -1 : offset;
        }
        int start = (int) offset;
        while (start > 0 && isWord(body[start - 1])) {
            start--;
        }
        return start;
    }

    /** A control character (U+0000-U+001F), which JSON allows only as whitespace: tab, line feed, carriage return. */
    private static boolean isControl(byte b) {
        return (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r');
    }

    private static boolean isWord(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '+' || b == '-' || b == '.';
    }

}
