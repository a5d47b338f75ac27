package io.nettle.internal;

/**
 * Settings shared by the fuzz tests of this package. Each {@code @FuzzTest} fuzzes in a JVM of
 * its own (the parent pom's {@code fuzz} execution of surefire): in the normal build its seeds
 * (under {@code src/test/resources/io/nettle/internal/<Class>Inputs/<method>/}) and then
 * {@code fuzz.runs} generated inputs; with {@code -Pfuzz} for {@link #DURATION}.
 */
public final class Fuzzing {
    /** How long each target fuzzes under {@code -Pfuzz} (in the normal build, fuzz.runs ends it sooner). */
    public static final String DURATION = "30s";

    private Fuzzing() {
    }
}
