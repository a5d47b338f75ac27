package io.nettle.internal.codec;

import io.nettle.http.ClientAddress;
import io.nettle.http.Headers;
import io.nettle.http.HttpException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a trusted proxy says of the original request, from {@code Forwarded}
 * (<a href="https://www.rfc-editor.org/rfc/rfc7239">RFC 7239</a>) or, when there is none, from
 * {@code X-Forwarded-For}, {@code -Proto}, {@code -Host} and {@code -Port}. Read only for a
 * request whose peer is a trusted proxy.
 *
 * <p>The client is the right-most untrusted hop: the list of addresses ({@code for=} of each
 * element, or {@code X-Forwarded-For}) is walked from the right, where the nearest proxy
 * appended, past the trusted proxies; the first address that is not one is the client (the
 * left-most when all are). What lies further left came from the client and is ignored. With
 * {@code Forwarded}, scheme and host are those of the client's element. With
 * {@code X-Forwarded-*}, a list of values (one appended per proxy) gives the value at the
 * client's position when it is as long as {@code X-Forwarded-For}, else its right-most one.
 *
 * @param client the client, or {@code null} when the proxy did not say (the peer stays the client)
 * @param scheme {@code http} or {@code https}, or {@code null} when the proxy did not say
 * @param host   the {@code Host} the client sent, port included if any, or {@code null}
 * @param port   the port the client addressed ({@code X-Forwarded-Port}), or -1
 */
public record Forwarded(ClientAddress client, String scheme, String host, int port) {
    /** Nothing forwarded, or not from a trusted proxy: the request speaks for itself. */
    public static final Forwarded NONE = new Forwarded(null, null, null, -1);

    /**
     * What the proxy that sent {@code headers} forwarded.
     *
     * @throws HttpException 400 when the forwarding headers are malformed
     */
    public static Forwarded of(Headers headers, TrustedProxies trusted) {
        List<String> lines = headers.getAll("Forwarded");
        if (!lines.isEmpty() && !String.join("", lines).isBlank()) {
            return fromForwarded(String.join(",", lines), trusted);
        }
        return fromXForwarded(headers, trusted);
    }

    private static Forwarded fromForwarded(String value, TrustedProxies trusted) {
        List<Map<String, String>> elements;
        try {
            elements = ForwardedElements.parse(value);
        } catch (ForwardedElements.MalformedException e) {
            throw malformed("Forwarded");
        }
        if (elements.isEmpty()) {
            return NONE;
        }
        int chosen = 0;
        Node client = null;
        for (int i = elements.size() - 1; i >= 0; i--) {
            String node = elements.get(i).get("for");
            client = node == null ? null : Node.parse(node, "Forwarded");
            if (client == null || !trusted.trusts(client.address())) {
                chosen = i;
                break;
            }
        }
        Map<String, String> element = elements.get(chosen);
        String proto = element.get("proto");
        String host = element.get("host");
        return new Forwarded(client == null ? null : client.toClientAddress(),
            proto == null ? null : scheme(proto, "Forwarded"), host == null ? null : host(host, "Forwarded"), -1);
    }

    private static Forwarded fromXForwarded(Headers headers, TrustedProxies trusted) {
        List<String> hops = list(headers, "X-Forwarded-For");
        int chosen = -1;
        Node client = null;
        for (int i = hops.size() - 1; i >= 0; i--) {
            client = Node.parse(hops.get(i), "X-Forwarded-For");
            chosen = i;
            if (!trusted.trusts(client.address())) {
                break;
            }
        }
        String proto = pick(list(headers, "X-Forwarded-Proto"), chosen, hops.size());
        String host = pick(list(headers, "X-Forwarded-Host"), chosen, hops.size());
        String port = pick(list(headers, "X-Forwarded-Port"), chosen, hops.size());
        if (client == null && proto == null && host == null && port == null) {
            return NONE;
        }
        return new Forwarded(client == null ? null : client.toClientAddress(),
            proto == null ? null : scheme(proto, "X-Forwarded-Proto"), host == null ? null : host(host, "X-Forwarded-Host"),
            port == null ? -1 : port(port));
    }

    /** The comma-separated values of every {@code name} header, in order, trimmed, empty ones skipped. */
    private static List<String> list(Headers headers, String name) {
        List<String> lines = headers.getAll(name);
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> values = new ArrayList<>(4);
        for (String line : lines) {
            for (String value : line.split(",", -1)) {
                String trimmed = value.strip();
                if (!trimmed.isEmpty()) {
                    values.add(trimmed);
                }
            }
        }
        return values;
    }

    /** The value for the client's hop: at its position when the lists line up, else the right-most; null for none. */
    private static String pick(List<String> values, int chosen, int hops) {
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == hops && chosen >= 0 ? values.get(chosen) : values.get(values.size() - 1);
    }

    private static String scheme(String proto, String header) {
        switch (proto.toLowerCase(Locale.ROOT)) {
            case "http", "ws":
                return "http";
            case "https", "wss":
                return "https";
            default:
                throw malformed(header);
        }
    }

    private static String host(String host, String header) {
        if (!HostHeader.isWellFormed(host)) {
            throw malformed(header);
        }
        return host;
    }

    private static int port(String text) {
        int port = text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9') ? -1 : Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw malformed("X-Forwarded-Port");
        }
        return port;
    }

    static HttpException malformed(String header) {
        return new HttpException(400, "Malformed " + header + " header from a trusted proxy");
    }

    /**
     * One hop ({@code for=} or an {@code X-Forwarded-For} entry): an IPv4 address, an IPv6
     * address in brackets (or bare, without port), {@code unknown} or an obfuscated identifier
     * ({@code _hidden}), with an optional port (digits, or obfuscated: reported as 0).
     *
     * @param host    the address or identifier as written, without brackets
     * @param address its bytes, or {@code null} for {@code unknown} and obfuscated identifiers
     * @param port    the port, 0 when not given or obfuscated
     */
    record Node(String host, byte[] address, int port) {
        static Node parse(String text, String header) {
            String name = text;
            String portText = null;
            if (text.startsWith("[")) {
                int close = text.indexOf(']');
                if (close < 0 || close + 1 < text.length() && text.charAt(close + 1) != ':') {
                    throw malformed(header);
                }
                name = text.substring(1, close);
                portText = close + 1 < text.length() ? text.substring(close + 2) : null;
                if (name.indexOf(':') < 0) {
                    throw malformed(header);
                }
            } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') >= 0) {
                name = text.substring(0, text.indexOf(':'));
                portText = text.substring(text.indexOf(':') + 1);
            }
            byte[] address = null;
            if (!name.equalsIgnoreCase("unknown") && !obfuscated(name)) {
                address = IpRange.parseAddress(name, false);
                if (address == null) {
                    throw malformed(header);
                }
            }
            return new Node(name, address, portText == null ? 0 : nodePort(portText, header));
        }

        private static int nodePort(String text, String header) {
            if (obfuscated(text)) {
                return 0;
            }
            int port = text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                ? -1 : Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw malformed(header);
            }
            return port;
        }

        /** RFC 7239's obfnode and obfport: {@code _} and then letters, digits, {@code . _ -}. */
        private static boolean obfuscated(String text) {
            if (text.length() < 2 || text.charAt(0) != '_') {
                return false;
            }
            for (int i = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-')) {
                    return false;
                }
            }
            return true;
        }

        ClientAddress toClientAddress() {
            return new ClientAddress(host, port);
        }
    }
}
