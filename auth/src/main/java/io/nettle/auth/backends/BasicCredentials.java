package io.nettle.auth.backends;

import io.nettle.auth.AuthenticationError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The username and password of a Basic {@code Authorization} value, parsed the way
 * Starlette's guide does it (see {@link BasicAuthBackend}).
 *
 * @param username the part before the first colon
 * @param password the part after it; empty when there is no colon
 */
public record BasicCredentials(String username, String password) {

    /**
     * Parses {@code header}: empty for another scheme; an {@link AuthenticationError} with
     * {@link BasicAuthBackend#INVALID} for a malformed value.
     */
    public static Optional<BasicCredentials> parse(String header) {
        // Exactly two whitespace-separated parts, found in place (this runs for every request).
        int n = header.length();
        int schemeStart = skip(header, 0, true);
        int schemeEnd = skip(header, schemeStart, false);
        int valueStart = skip(header, schemeEnd, true);
        int valueEnd = skip(header, valueStart, false);
        if (schemeEnd == schemeStart || valueEnd == valueStart || skip(header, valueEnd, true) != n) {
            throw new AuthenticationError(BasicAuthBackend.INVALID);
        }
        if (schemeEnd - schemeStart != 5 || !header.regionMatches(true, schemeStart, "basic", 0, 5)) {
            return Optional.empty();
        }
        if ((valueEnd - valueStart) % 4 != 0) {
            // Java's decoder accepts missing padding; strict base64 (and Python's) does not.
            throw new AuthenticationError(BasicAuthBackend.INVALID);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(header.substring(valueStart, valueEnd));
        } catch (IllegalArgumentException e) {
            throw new AuthenticationError(BasicAuthBackend.INVALID);
        }
        for (byte b : bytes) {
            if (b < 0) {
                throw new AuthenticationError(BasicAuthBackend.INVALID);
            }
        }
        String decoded = new String(bytes, StandardCharsets.US_ASCII);
        int colon = decoded.indexOf(':');
        return Optional.of(colon < 0
            ? new BasicCredentials(decoded, "")
            : new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /** Splits like Python's {@code str.split()}: on runs of whitespace, ignoring it at both ends. */
    static List<String> splitOnWhitespace(String value) {
        List<String> parts = new ArrayList<>(2);
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && isWhitespace(value.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isWhitespace(value.charAt(i))) {
                i++;
            }
            if (i > start) {
                if (parts.size() == 3) {
                    break;
                }
                parts.add(value.substring(start, i));
            }
        }
        return parts;
    }

    /** The index after the run of whitespace (or of non-whitespace) starting at {@code from}. */
    private static int skip(String value, int from, boolean whitespace) {
        int i = from;
        while (i < value.length() && isWhitespace(value.charAt(i)) == whitespace) {
            i++;
        }
        return i;
    }

    /** Python's whitespace within Latin-1, the charset HTTP header values arrive in. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f) || c == 0x85 || c == 0xa0;
    }

    @Override
    public String toString() {
        return "BasicCredentials[" + username + ", password hidden]";
    }
}
