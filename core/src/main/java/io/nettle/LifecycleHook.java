package io.nettle;

/** A startup or shutdown hook of an {@link App}; it may block (it runs outside the event loops). */
@FunctionalInterface
public interface LifecycleHook {

    /** Runs the hook. */
    void run() throws Exception;
}
