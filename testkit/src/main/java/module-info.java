/**
 * Testing Nettle apps: {@code TestClient} (in memory or over a loopback socket), {@code @OnEveryWire}, {@code @OnEveryProtocol},
 * AssertJ assertions and the leak guard.
 */
module io.nettle.testkit {
    requires transitive io.nettle.core;
    requires transitive io.nettle.websocket;
    requires transitive org.assertj.core;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.codec.http2;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;

    exports io.nettle.testkit;
}
