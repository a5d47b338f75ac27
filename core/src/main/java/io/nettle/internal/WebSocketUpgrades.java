package io.nettle.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;

/** Recognises a WebSocket upgrade request (RFC 6455 §4.2.1): GET with {@code Upgrade: websocket} and {@code Connection: upgrade}. */
final class WebSocketUpgrades {
    private WebSocketUpgrades() {
    }

    public static boolean isUpgrade(HttpRequest head) {
        return head.method() == HttpMethod.GET
            && head.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
            && head.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }
}
