package io.nettle.testkit;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that fails a test when Netty's leak detector found a buffer that was
 * never released while it ran. Registered automatically (JUnit extension auto-detection) in
 * Nettle's own build; use {@code @ExtendWith(LeakGuard.class)} elsewhere, together with
 * {@link FailingLeakDetector}.
 */
public final class LeakGuard implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> leaks = FailingLeakDetector.collectLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError("Netty buffer leak(s) detected:\n" + String.join("\n", leaks));
        }
    }
}
