package io.nettle.internal;

import io.nettle.App;
import io.nettle.http.Connection;
import io.nettle.http.Response;
import java.util.function.Function;

/**
 * The bridge from Nettle's public classes to their internal state, for Nettle's own modules
 * only. The public classes register their accessors here when they are initialised, so that no
 * internal getter needs to be public API.
 */
public final class Internals {
    private static volatile Function<App, AppRuntime> runtimes;
    private static volatile Function<Connection, RequestState> states;
    private static volatile WireSlot wireSlot;

    /** Access to the per-response cache slot of {@link ResponseWriter}. */
    public interface WireSlot {
        Object get(Response response);

        void set(Response response, Object value);

        /** The response's header names and values, alternating; shared, never to be changed. */
        String[] headerPairs(Response response);
    }

    private Internals() {
    }

    public static void registerRuntimes(Function<App, AppRuntime> accessor) {
        runtimes = accessor;
    }

    public static void registerStates(Function<Connection, RequestState> accessor) {
        states = accessor;
    }

    public static void registerWireSlot(WireSlot slot) {
        wireSlot = slot;
    }

    /** The slot where the server caches a response's encoded form. */
    public static WireSlot wireSlot() {
        return wireSlot;
    }

    /** The runtime behind {@code app}. */
    public static AppRuntime runtime(App app) {
        return runtimes.apply(app);
    }

    /** The state behind {@code connection}. */
    public static RequestState state(Connection connection) {
        return states.apply(connection);
    }
}
