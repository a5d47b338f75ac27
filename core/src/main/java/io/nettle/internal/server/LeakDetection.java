package io.nettle.internal.server;

import io.netty.util.ResourceLeakDetector;
import java.util.function.UnaryOperator;

/**
 * Netty's buffer leak detector, turned off when a server starts unless the JVM was told what to
 * do with it ({@code -Dio.netty.leakDetection.level=...}, or the older
 * {@code -Dio.netty.noResourceLeakDetection}). Its default sampling records a stack trace for one
 * buffer in 128: a cost on every request of a server whose applications never hold a
 * {@code ByteBuf} (Nettle allocates and releases them all), paid to find leaks that Nettle's own
 * build looks for instead, with the detector in paranoid mode and failing the build on any leak.
 * Vert.x, Micronaut and Ratpack make the same choice. The setting is Netty's and so the JVM's:
 * set the property to keep the detector for other Netty users in the same process.
 */
final class LeakDetection {
    static final String LEVEL = "io.netty.leakDetection.level";
    static final String LEGACY_OFF = "io.netty.noResourceLeakDetection";

    private LeakDetection() {
    }

    /** Turns the detector off unless the JVM's properties say what it should do. */
    static void offUnlessAsked() {
        if (!asked(System::getProperty)) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    /** Whether {@code property} (a system property lookup) sets the detector's level either way. */
    static boolean asked(UnaryOperator<String> property) {
        return property.apply(LEVEL) != null || property.apply(LEGACY_OFF) != null;
    }
}
