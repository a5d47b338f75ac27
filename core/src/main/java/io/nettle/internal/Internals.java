package io.nettle.internal;

import io.nettle.App;
import io.nettle.http.Connection;
import java.util.function.Function;

/**
 * The bridge from Nettle's public classes to their internal state, for Nettle's own modules
 * only. The public classes register their accessors here when they are initialised, so that no
 * internal getter needs to be public API.
 */
public final class Internals {
    private static volatile Function<App, AppRuntime> runtimes;
    private static volatile Function<Connection, ConnectionState> states;

    private Internals() {
    }

    public static void registerRuntimes(Function<App, AppRuntime> accessor) {
        runtimes = accessor;
    }

    public static void registerStates(Function<Connection, ConnectionState> accessor) {
        states = accessor;
    }

    /** The runtime behind {@code app}. */
    public static AppRuntime runtime(App app) {
        return runtimes.apply(app);
    }

    /** The state behind {@code connection}. */
    public static ConnectionState state(Connection connection) {
        return states.apply(connection);
    }
}
