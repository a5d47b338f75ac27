package io.nettle.routing;

import java.util.Set;

/**
 * An endpoint that checks itself against the app's routes when the app is built, so that a
 * mistake (such as a redirect to a route name that does not exist) fails {@code build()}
 * rather than a request. Wrappers that hold another endpoint pass the check on to it.
 */
public interface BuildCheck {

    /**
     * Checks this endpoint against the names of every route of the app.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    void check(Set<String> routeNames);
}
