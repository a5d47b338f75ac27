package io.nettle.internal.codec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The syntax of the {@code Forwarded} header (<a href="https://www.rfc-editor.org/rfc/rfc7239#section-4">RFC
 * 7239 §4</a>): a comma-separated list of elements, each of {@code ;}-separated pairs
 * {@code name=value}, the value a token or a quoted string. Parameter names compare without
 * regard to case; whitespace is tolerated around {@code ,} and {@code ;}, empty elements are
 * skipped (RFC 9110 §5.6.1).
 */
final class ForwardedElements {
    private final String text;
    private int pos;

    private ForwardedElements(String text) {
        this.text = text;
    }

    /** The elements of {@code value}, left to right, each its parameters by lower-case name (values unquoted). */
    static List<Map<String, String>> parse(String value) throws MalformedException {
        return new ForwardedElements(value).elements();
    }

    /** The header does not follow the grammar. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    private List<Map<String, String>> elements() throws MalformedException {
        List<Map<String, String>> elements = new ArrayList<>(2);
        Map<String, String> element = new HashMap<>(4);
        while (true) {
            skipWhitespace();
            if (pos == text.length()) {
                break;
            }
            char c = text.charAt(pos);
            if (c == ',' || c == ';') {
                pos++;
                if (c == ',' && !element.isEmpty()) {
                    elements.add(element);
                    element = new HashMap<>(4);
                }
                continue;
            }
            String name = token().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || pos == text.length() || text.charAt(pos) != '=') {
                throw new MalformedException("expected name=value at " + pos);
            }
            pos++;
            String value = pos < text.length() && text.charAt(pos) == '"' ? quoted() : token();
            if (value.isEmpty()) {
                throw new MalformedException("empty value at " + pos);
            }
            if (element.put(name, value) != null) {
                throw new MalformedException("parameter " + name + " twice in one element");
            }
            skipWhitespace();
            if (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != ';') {
                throw new MalformedException("expected , or ; at " + pos);
            }
        }
        if (!element.isEmpty()) {
            elements.add(element);
        }
        return elements;
    }

    private String token() {
        int start = pos;
        while (pos < text.length() && isTokenChar(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** A quoted string from its opening quote: the text with quoted pairs ({@code \"}) resolved. */
    private String quoted() throws MalformedException {
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (pos == text.length()) {
                    break;
                }
                c = text.charAt(pos++);
            }
            if (c != '\t' && (c < ' ' || c == 0x7f || c > 0x7e)) {
                throw new MalformedException("invalid character in a quoted string");
            }
            value.append(c);
        }
        throw new MalformedException("unterminated quoted string");
    }

    private void skipWhitespace() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    /** RFC 9110's tchar. */
    private static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
