package io.nettle;

import io.nettle.http.Request;
import io.nettle.http.Response;

/**
 * Turns an exception into a response. Register one by status ({@code HttpException}s, the 404
 * and 405 that routing raises included) or by exception type on {@link App.Builder}:
 * <pre>{@code
 * .exceptionHandler(404, (request, e) -> Response.html(notFoundPage).withStatus(404))
 * .exceptionHandler(IllegalStateException.class, (request, e) -> Response.text("Conflict").withStatus(409))
 * }</pre>
 * A handler for status 500 replaces the generic {@code 500 Internal Server Error} for
 * unexpected exceptions, which are logged before it is called; a handler for
 * {@code Exception.class} takes them over entirely (Nettle then logs nothing).
 *
 * @param <T> the exception type handled
 */
@FunctionalInterface
public interface ExceptionHandler<T extends Throwable> {

    /** The response for {@code exception}, raised while handling {@code request}. */
    Response handle(Request request, T exception) throws Exception;
}
