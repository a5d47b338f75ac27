package io.nettle.internal.codec;

import io.nettle.http.Url;

/** Builds a request's {@link Url} from its {@code Host} header, falling back to the server's address. */
public final class HostHeader {
    private HostHeader() {
    }

    public static Url url(String host, boolean secure, boolean webSocket, String localHost, int localPort,
                   String rawPath, String rawQuery) {
        String scheme = webSocket ? (secure ? "wss" : "ws") : (secure ? "https" : "http");
        int defaultPort = secure ? 443 : 80;
        if (host == null || host.isEmpty() || !isValid(host)) {
            return new Url(scheme, localHost, localPort, rawPath, rawQuery);
        }
        int colon = host.lastIndexOf(':');
        int bracket = host.lastIndexOf(']');
        if (colon > bracket && colon >= 0) {
            String name = host.substring(0, colon);
            String portText = host.substring(colon + 1);
            int port = parsePort(portText);
            return new Url(scheme, stripBrackets(name), port < 0 ? defaultPort : port, rawPath, rawQuery);
        }
        return new Url(scheme, stripBrackets(host), defaultPort, rawPath, rawQuery);
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
