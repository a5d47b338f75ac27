package io.nettle.internal.codec;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One shared instance of the header names and values nearly every connection repeats ({@code
 * Host}, {@code Upgrade: websocket}, {@code Sec-WebSocket-Version: 13}...), in the spellings
 * clients send, so that a long-lived connection keeping its handshake's headers does not keep a
 * copy of each. Anything else is kept as it is. Lookups only: the table never grows.
 */
public final class CommonHeaders {
    private static final List<String> NAMES = List.of("Host", "Connection", "Upgrade", "Origin", "Authorization", "Cookie",
        "User-Agent", "Accept", "Accept-Encoding", "Accept-Language", "Cache-Control", "Pragma", "Referer",
        "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Extensions", "Sec-WebSocket-Protocol",
        "Forwarded", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Port", "X-Real-IP",
        "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site");
    private static final List<String> VALUES = List.of("websocket", "Upgrade", "upgrade", "keep-alive, Upgrade", "13",
        "no-cache", "gzip, deflate", "gzip, deflate, br", "gzip, deflate, br, zstd", "permessage-deflate; client_max_window_bits",
        "same-origin", "cross-site", "same-site", "empty", "https", "http");
    private static final Map<String, String> SHARED = new HashMap<>();

    static {
        for (String name : NAMES) {
            SHARED.put(name, name);
            SHARED.put(name.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
        }
        for (String value : VALUES) {
            SHARED.put(value, value);
        }
    }

    private CommonHeaders() {
    }

    /** The shared instance equal to {@code text} when it is a common name or value, else {@code text}. */
    public static String shared(String text) {
        return SHARED.getOrDefault(text, text);
    }
}
