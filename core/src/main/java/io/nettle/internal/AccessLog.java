package io.nettle.internal;

import io.nettle.ServerSettings;
import io.nettle.security.BaseUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log ({@link ServerSettings#accessLog()}): one line per HTTP request and per
 * WebSocket session at INFO on the logger {@value #LOGGER}, written by the protocol adapters
 * when a response has been written or a session closed. Protocol-neutral: an adapter gives the
 * client, the user, the request, the outcome and when it began.
 * <pre>{@code
 * client identity "method target protocol" status bytes duration
 * 127.0.0.1 tom "GET /users/7 HTTP/1.1" 200 412 3.215ms
 * 127.0.0.1 - "GET /chat/lobby WS" 1000 5120 61234.009ms
 * 127.0.0.1 - "- - HTTP/1.1" 431 40 0.118ms
 * }</pre>
 * Every field is free of spaces, quotes and control characters, so a line splits on spaces
 * into exactly eight fields: what a client sent (method, target) and what the application
 * derived from it (identity) has its spaces, {@code "}, {@code \}, control characters and
 * Unicode line separators written as the {@code \xHH} escapes of their UTF-8 bytes, and a missing
 * or empty value is {@code -}. No header is ever logged; the target is the raw path, with the query
 * only when {@link ServerSettings#accessLogQueries()} asks for it.
 */
public final class AccessLog {
    /** The logger's name. */
    public static final String LOGGER = "io.nettle.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private AccessLog() {
    }

    /**
     * Whether connections under {@code settings} log (the setting is on and the logger takes
     * INFO). Checked once per connection: when it is off, the connection reads no clock for the
     * log and builds nothing.
     */
    public static boolean on(ServerSettings settings) {
        return settings.accessLog() && LOG.isInfoEnabled();
    }

    /** Logs the request or session of {@code state}, begun at {@code startedNanos} ({@link System#nanoTime()}). */
    public static void log(RequestState state, String protocol, int status, long bytes, long startedNanos) {
        log(state.client().host(), state.user(), state.head().method().name(), target(state.head().uri(), state.app().settings()),
            protocol, status, bytes, System.nanoTime() - startedNanos);
    }

    /** What the log shows of the request target {@code uri}: the raw path, with the query when the settings ask for it. */
    public static String target(String uri, ServerSettings settings) {
        int query = settings.accessLogQueries() ? -1 : uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /**
     * Writes one line. {@code user} is {@code null} when no authentication ran; {@code method}
     * and {@code target} are {@code null} when the request head was unusable.
     */
    public static void log(String client, BaseUser user, String method, String target, String protocol,
                           int status, long bytes, long durationNanos) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        StringBuilder line = new StringBuilder(64 + (target == null ? 0 : target.length()));
        field(line, client).append(' ');
        field(line, identity(user)).append(" \"");
        field(line, method).append(' ');
        field(line, target).append(' ');
        field(line, protocol).append("\" ").append(status).append(' ').append(bytes).append(' ');
        long micros = Math.max(0, durationNanos) / 1000;
        long fraction = micros % 1000;
        line.append(micros / 1000).append('.').append(fraction < 100 ? (fraction < 10 ? "00" : "0") : "").append(fraction).append("ms");
        LOG.info(line.toString());
    }

    /** The identity of an authenticated user; {@code null} otherwise, or when the user's class fails to say. */
    private static String identity(BaseUser user) {
        try {
            return user != null && user.isAuthenticated() ? user.identity() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Appends {@code value} with every character that could break the line's fields escaped; {@code -} when empty. */
    private static StringBuilder field(StringBuilder line, String value) {
        if (value == null || value.isEmpty()) {
            return line.append('-');
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '"' || c == '\\' || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                if (c < 0x80) {
                    hex(line, c);
                } else if (c < 0x800) {
                    hex(line, 0xc0 | c >> 6);
                    hex(line, 0x80 | c & 0x3f);
                } else {
                    hex(line, 0xe0 | c >> 12);
                    hex(line, 0x80 | (c >> 6) & 0x3f);
                    hex(line, 0x80 | c & 0x3f);
                }
            } else {
                line.append(c);
            }
        }
        return line;
    }

    private static void hex(StringBuilder line, int b) {
        line.append('\\').append('x').append(HEX[b >> 4]).append(HEX[b & 0xf]);
    }
}
