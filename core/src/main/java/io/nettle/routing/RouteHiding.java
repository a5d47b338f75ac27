package io.nettle.routing;

import io.nettle.http.Request;

/**
 * An endpoint that may hide its route from a client: it answers that client {@code 404} as if the
 * route did not exist (a guard with {@code status(404)}, for one). The router asks it before
 * answering what would reveal the route: a {@code 405} for another method of the same path, or
 * the {@code 307} of a slash redirect to it. When every endpoint of the path hides it from the
 * request, those are a {@code 404} too; a method that answers the client anything else (an
 * unguarded one, a guard answering {@code 403}) shows that the path exists anyway, and then
 * nothing changes. The question is asked behind the middleware of the
 * route's mounts (an authentication middleware there has run), with the path parameters of the
 * route's path. Wrappers that hold another endpoint pass the question on to it.
 */
public interface RouteHiding {

    /** Whether this endpoint would answer {@code request} with {@code 404}, whatever it holds. */
    boolean hides(Request request);
}
