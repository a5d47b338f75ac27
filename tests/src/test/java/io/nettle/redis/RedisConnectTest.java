package io.nettle.redis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What {@link Redis#connect} says about a URI that is not Redis's and a Redis that is not there (no password repeated). */
class RedisConnectTest {

    @Test
    void aUriThatIsNotARedisUriIsRefusedWithTheFormExpected() {
        assertThatThrownBy(() -> Redis.connect("http://127.0.0.1:6379")).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("A Redis URI starts with redis:// or rediss://, e.g. redis://127.0.0.1:6379");
        assertThatThrownBy(() -> Redis.builder("redis://127.0.0.1:6379").commandTimeout(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commandTimeout must be positive");
    }

    @Test
    void aRedisThatIsNotThereIsReportedWithItsAddressAndWithoutItsPassword() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        int closed = port;
        assertThatThrownBy(() -> Redis.builder("redis://:hunter2@127.0.0.1:" + closed).commandTimeout(Duration.ofMillis(500)).build())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("Cannot reach Redis at 127.0.0.1:" + closed)
            .hasMessageNotContaining("hunter2");
    }
}
