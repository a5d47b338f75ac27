package io.nettle.internal;

/**
 * Settings shared by the fuzz tests of this package. In the normal build ({@code JAZZER_FUZZ}
 * unset) a {@code @FuzzTest} only replays its seeds (under
 * {@code src/test/resources/io/nettle/internal/<Class>Inputs/<method>/}); with {@code -Pfuzz}
 * each fuzz test class runs in its own JVM and fuzzes for {@link #DURATION}.
 */
final class Fuzzing {
    /** How long each target fuzzes under {@code -Pfuzz}. */
    static final String DURATION = "30s";

    private Fuzzing() {
    }
}
