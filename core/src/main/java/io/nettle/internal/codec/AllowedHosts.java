package io.nettle.internal.codec;

import io.nettle.http.HttpException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The host names requests may be addressed to ({@code ServerSettings.allowedHosts()}), as
 * Starlette's {@code TrustedHostMiddleware} has them: exact names, {@code *.example.com} for
 * any subdomain of {@code example.com} (not {@code example.com} itself), {@code *} for any.
 * Names compare without regard to case or port. Parsed once when the app is built.
 */
public final class AllowedHosts {
    /** The answer to a request whose host is not allowed. */
    public static final String REFUSAL = "Invalid host header";

    private final boolean any;
    private final Set<String> names;
    private final String[] suffixes;

    private AllowedHosts(boolean any, Set<String> names, String[] suffixes) {
        this.any = any;
        this.names = names;
        this.suffixes = suffixes;
    }

    /**
     * The hosts {@code patterns} allow.
     *
     * @throws IllegalArgumentException for an empty list or a pattern that is not a host name,
     *         an IP address, {@code *.name} or {@code *}
     */
    public static AllowedHosts of(List<String> patterns) {
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("allowedHosts needs at least one host (\"*\" allows any)");
        }
        Set<String> names = new HashSet<>();
        List<String> suffixes = new ArrayList<>();
        boolean any = false;
        for (String pattern : patterns) {
            String p = pattern.strip().toLowerCase(Locale.ROOT);
            if (p.equals("*")) {
                any = true;
            } else if (p.startsWith("*.") && isName(p.substring(2))) {
                suffixes.add(withoutTrailingDot(p.substring(1)));
            } else if (isName(p)) {
                names.add(withoutTrailingDot(p));
            } else if (p.startsWith("[") && p.endsWith("]") && IpRange.parseAddress(p.substring(1, p.length() - 1), false) != null) {
                names.add(p.substring(1, p.length() - 1));
            } else if (p.indexOf(':') >= 0 && IpRange.parseAddress(p, false) != null) {
                names.add(p);
            } else {
                throw new IllegalArgumentException("'" + pattern + "' is not an allowed host: write a name ('app.example'), "
                    + "an IP address, '*.app.example' for its subdomains or '*' for any; without a port, which is not compared");
            }
        }
        return new AllowedHosts(any, Set.copyOf(names), suffixes.toArray(String[]::new));
    }

    /** Whether any host is allowed (the default): nothing is checked. */
    public boolean allowsAny() {
        return any;
    }

    /** Whether a request for {@code host} (a {@code Host} header's value, port and all; null when none was sent) is allowed. */
    public boolean allows(String host) {
        if (any) {
            return true;
        }
        if (!HostHeader.isWellFormed(host)) {
            return false;
        }
        String name = withoutTrailingDot(HostHeader.name(host));
        if (names.contains(name)) {
            return true;
        }
        for (String suffix : suffixes) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return true;
            }
        }
        return false;
    }

    /** The 400 for a host not allowed. */
    public static HttpException refusal() {
        return new HttpException(400, REFUSAL);
    }

    /** Letters, digits, {@code - _ .} with no empty label: a DNS name or an IPv4 address. */
    private static boolean isName(String text) {
        if (text.isEmpty() || text.startsWith(".") || text.contains("..")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static String withoutTrailingDot(String name) {
        return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    }
}
