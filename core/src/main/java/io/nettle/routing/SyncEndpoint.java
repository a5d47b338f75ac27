package io.nettle.routing;

import io.nettle.http.Request;
import io.nettle.http.Response;

/** An endpoint that answers directly; see {@link Endpoint#sync} and {@link Endpoint#blocking}. */
@FunctionalInterface
public interface SyncEndpoint {

    /** Answers {@code request}. */
    Response handle(Request request) throws Exception;
}
