package io.nettle.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakGuardTest {

    @Test
    void aBufferDroppedWithoutReleaseIsReported() throws InterruptedException {
        leakOne();
        // The collected buffer reaches the detector through a reference queue, which the JVM
        // fills on a thread of its own after the collection: look again for up to a second.
        List<String> leaks = FailingLeakDetector.collectLeaks();
        for (int i = 0; i < 20 && leaks.isEmpty(); i++) {
            Thread.sleep(50);
            leaks = FailingLeakDetector.collectLeaks();
        }
        assertThat(leaks).isNotEmpty();
        assertThat(leaks.get(0)).contains("leaked");
    }

    @Test
    void aReleasedBufferIsNotReported() {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        buf.writeInt(42);
        buf.release();
        assertThat(FailingLeakDetector.collectLeaks()).isEmpty();
    }

    private static void leakOne() {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        buf.writeInt(42);
    }
}
