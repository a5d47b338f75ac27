package io.nettle.auth.backends;

import io.nettle.auth.AuthenticationError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
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
        List<String> parts = splitOnWhitespace(header);
        if (parts.size() != 2) {
            throw new AuthenticationError(BasicAuthBackend.INVALID);
        }
        if (!parts.get(0).toLowerCase(Locale.ROOT).equals("basic")) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(parts.get(1));
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

    /** Python's whitespace within Latin-1, the charset HTTP header values arrive in. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f) || c == 0x85 || c == 0xa0;
    }

    @Override
    public String toString() {
        return "BasicCredentials[" + username + ", password hidden]";
    }
}
