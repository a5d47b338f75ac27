/**
 * Nettle's core: the application, routing, requests and responses, middleware, and the Netty
 * server. The {@code internal} packages are exported only to Nettle's own modules that build on
 * them (the WebSocket implementation and the test kit); nothing else can compile against them.
 */
module io.nettle.core {
    requires transitive com.fasterxml.jackson.databind;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.haproxy;
    requires io.netty.codec.http;
    requires io.netty.codec.http2;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    requires org.slf4j;
    // Optional: response compression offers br and zstd only when these load (class and native library).
    requires static com.aayushatharva.brotli4j;
    requires static com.github.luben.zstd_jni;
    // Optional: Argon2id in PasswordHasher (nettle-auth brings it; PBKDF2 needs only the JDK).
    requires static org.bouncycastle.provider;

    exports io.nettle;
    exports io.nettle.broadcast;
    exports io.nettle.http;
    exports io.nettle.middleware;
    exports io.nettle.routing;
    exports io.nettle.security;

    exports io.nettle.internal to io.nettle.websocket, io.nettle.testkit;
    exports io.nettle.internal.broadcast to io.nettle.redis;
    exports io.nettle.internal.codec to io.nettle.testkit;
    exports io.nettle.internal.exchange to io.nettle.websocket, io.nettle.testkit;
    exports io.nettle.internal.http1 to io.nettle.websocket, io.nettle.testkit;
    exports io.nettle.internal.server to io.nettle.testkit;
}
