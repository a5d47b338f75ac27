package io.nettle.middleware;

import io.nettle.http.Request;
import io.nettle.http.Response;
import java.util.concurrent.CompletionStage;

/** The rest of the chain after a {@link Middleware}. Its stage fails rather than throwing. */
@FunctionalInterface
public interface Next {

    /** Passes {@code request} on and returns the eventual response. */
    CompletionStage<Response> handle(Request request);
}
