package io.nettle.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The Basic check of the bench contract for the baselines: {@code tom:secret}, compared in
 * constant time with {@link MessageDigest#isEqual}. {@link #check} answers the user name,
 * {@link #ANONYMOUS} (no header, other scheme, wrong credentials: 403) or {@link #MALFORMED} (400).
 */
final class BasicCheck {
    static final String ANONYMOUS = "\0anonymous";
    static final String MALFORMED = "\0malformed";
    private static final byte[] TOM = "secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NO_SUCH_USER = "\0no such user".getBytes(StandardCharsets.UTF_8);

    private BasicCheck() {
    }

    /** The decoded credentials {@code user:password}, {@code null} when there is no Basic header, {@link #MALFORMED} when malformed. */
    static String decode(String header) {
        if (header == null) {
            return null;
        }
        int space = header.indexOf(' ');
        if (space <= 0 || !header.regionMatches(true, 0, "basic", 0, space) || space != 5) {
            return space <= 0 ? MALFORMED : null;
        }
        String encoded = header.substring(space + 1).trim();
        if (encoded.isEmpty() || encoded.indexOf(' ') >= 0) {
            return MALFORMED;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.US_ASCII);
            return decoded.indexOf(':') < 0 ? MALFORMED : decoded;
        } catch (IllegalArgumentException e) {
            return MALFORMED;
        }
    }

    /** Whether {@code user:password} is tom's, in constant time over the password. */
    static String verify(String username, String password) {
        boolean known = "tom".equals(username);
        boolean match = MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8), known ? TOM : NO_SUCH_USER);
        return match && known ? username : ANONYMOUS;
    }

    /** The whole check of an {@code Authorization} header value (possibly {@code null}). */
    static String check(String header) {
        String decoded = decode(header);
        if (decoded == null) {
            return ANONYMOUS;
        }
        if (decoded == MALFORMED) {
            return MALFORMED;
        }
        int colon = decoded.indexOf(':');
        return verify(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
