package io.nettle.routing;

/** Something that can be added to an app's routes: a {@link Route} or a {@link Mount}. */
public sealed interface Routable permits Route, Mount {

    /** The path template, e.g. {@code /users/{id:int}} or a mount's prefix {@code /api}. */
    String path();
}
