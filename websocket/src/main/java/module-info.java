/**
 * WebSocket routes for Nettle apps: {@code WebSocketRoute}, {@code WebSocket},
 * {@code WebSocketEndpoint}. The implementation is package-private beside the facade.
 */
module io.nettle.websocket {
    requires transitive io.nettle.core;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires org.slf4j;

    exports io.nettle.websocket;
}
