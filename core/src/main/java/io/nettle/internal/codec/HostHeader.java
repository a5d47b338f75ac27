package io.nettle.internal.codec;

import io.nettle.http.Url;

/**
 * Builds a request's {@link Url} from its {@code Host} header (or the host a trusted proxy
 * forwarded), falling back to the server's address; checks forwarded hosts.
 */
public final class HostHeader {
    private HostHeader() {
    }

    /**
     * The URL of a request for {@code host} (the {@code Host} header, or what a proxy forwarded;
     * {@code null} when there is none) over a {@code secure} connection or not; {@code port} is a
     * port the proxy forwarded, or -1 for the port in {@code host}, else the scheme's default.
     */
    public static Url url(String host, boolean secure, int port, boolean webSocket, String localHost, int localPort,
                   String rawPath, String rawQuery) {
        String scheme = webSocket ? (secure ? "wss" : "ws") : (secure ? "https" : "http");
        int impliedPort = port >= 0 ? port : secure ? 443 : 80;
        if (host == null || host.isEmpty() || !isValid(host)) {
            return new Url(scheme, localHost, port >= 0 ? port : localPort, rawPath, rawQuery);
        }
        int colon = host.lastIndexOf(':');
        int bracket = host.lastIndexOf(']');
        if (colon > bracket && colon >= 0) {
            String name = host.substring(0, colon);
            String portText = host.substring(colon + 1);
            int explicit = port >= 0 ? -1 : parsePort(portText);
            return new Url(scheme, stripBrackets(name), explicit < 0 ? impliedPort : explicit, rawPath, rawQuery);
        }
        return new Url(scheme, stripBrackets(host), impliedPort, rawPath, rawQuery);
    }

    /**
     * Whether {@code host} is a host as a {@code Host} header carries it: a name or IPv4 address,
     * or an IPv6 address in brackets, then an optional {@code :port}.
     */
    public static boolean isWellFormed(String host) {
        if (host == null || host.isEmpty() || !isValid(host)) {
            return false;
        }
        String rest;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0 || IpRange.parseAddress(host.substring(1, close), false) == null) {
                return false;
            }
            rest = host.substring(close + 1);
        } else {
            int colon = host.indexOf(':');
            if (host.indexOf('[') >= 0 || host.indexOf(']') >= 0 || colon == 0) {
                return false;
            }
            rest = colon < 0 ? "" : host.substring(colon);
        }
        return rest.isEmpty() || rest.charAt(0) == ':' && parsePort(rest.substring(1)) >= 0;
    }

    /**
     * The name of a well-formed {@code host}: without its port, and an IPv6 address without
     * its brackets, in lower case, e.g. {@code app.example} for {@code App.Example:8443}.
     */
    public static String name(String host) {
        String name = host.startsWith("[") ? host.substring(1, host.indexOf(']'))
            : host.indexOf(':') < 0 ? host : host.substring(0, host.indexOf(':'));
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    /** Letters, digits and the few characters a host, an IPv6 literal or a port may hold. */
    public static boolean isValid(String host) {
        if (host.length() > 255) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '-' || c == ':' || c == '[' || c == ']' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int parsePort(String text) {
        if (text.isEmpty() || text.length() > 5) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        int port = Integer.parseInt(text);
        return port <= 65535 ? port : -1;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
