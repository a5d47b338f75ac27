package io.nettle.testing;

import io.netty.util.ResourceLeakDetector;
import io.nettle.App;
import io.nettle.Server;

/**
 * Starts a server and prints Netty's leak detection level, run in a JVM of its own (with or
 * without the leak properties) by {@code LeakDetectionTest}.
 */
public final class LeakLevelOfAServer {

    private LeakLevelOfAServer() {
    }

    public static void main(String[] args) {
        try (Server server = App.builder().build().serve("127.0.0.1", 0)) {
            System.out.println("level " + ResourceLeakDetector.getLevel());
        }
    }
}
