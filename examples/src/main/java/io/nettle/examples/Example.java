package io.nettle.examples;

import io.nettle.App;
import io.nettle.ServerSettings;

/**
 * One runnable example: a name for the command line, a line of description, and the app it
 * serves. Examples that the showcase can mount implement {@link MountableExample}; the others
 * (the benchmark and parity apps, whose paths are fixed contracts) only run alone.
 */
public interface Example {

    /** The name given on the command line, e.g. {@code hello}. */
    String name();

    /** One line saying what the example shows. */
    String description();

    /** Builds the example's app with the server settings from the command line. */
    App app(ServerSettings settings);
}
