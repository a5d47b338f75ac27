package io.nettle.internal;

import io.nettle.ExceptionHandler;
import io.nettle.http.HttpException;
import io.nettle.http.Request;
import io.nettle.http.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns failures into responses: {@link HttpException}s by their status (through a handler
 * registered for it, else one registered for the nearest {@code HttpException} type, else their
 * own response), other exceptions through the handler registered for the nearest superclass;
 * anything left is logged once and answered with a bare 500.
 */
public final class ExceptionMapper {
    private static final Logger LOG = LoggerFactory.getLogger("io.nettle.App");
    private static final Response INTERNAL_ERROR = Response.text("Internal Server Error").withStatus(500);

    /** A handler registered for an exception type. */
    public record TypeHandler(Class<? extends Throwable> type, ExceptionHandler<Throwable> handler) {
    }

    private final Map<Integer, ExceptionHandler<HttpException>> byStatus;
    private final List<TypeHandler> byType;
    private final ClassValue<TypeHandler> lookup = new ClassValue<>() {
        @Override
        protected TypeHandler computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (TypeHandler h : byType) {
                    if (h.type() == c) {
                        return h;
                    }
                }
            }
            return null;
        }
    };

    public ExceptionMapper(Map<Integer, ExceptionHandler<HttpException>> byStatus, List<TypeHandler> byType) {
        this.byStatus = Map.copyOf(byStatus);
        this.byType = List.copyOf(byType);
    }

    /**
     * The response for an exception that a handler knows or that is an {@link HttpException};
     * other exceptions stay failures for {@link #last}.
     */
    public CompletionStage<Response> handled(Request request, Throwable failure) {
        try {
            TypeHandler typed = lookup.get(failure.getClass());
            if (failure instanceof HttpException http) {
                ExceptionHandler<HttpException> handler = byStatus.get(http.status());
                if (handler != null) {
                    return CompletableFuture.completedFuture(handler.handle(request, http));
                }
                boolean forHttp = typed != null && HttpException.class.isAssignableFrom(typed.type());
                return CompletableFuture.completedFuture(forHttp ? typed.handler().handle(request, http) : http.toResponse());
            }
            if (typed != null && !(failure instanceof Error)) {
                return CompletableFuture.completedFuture(typed.handler().handle(request, failure));
            }
        } catch (Throwable handlerFailure) {
            return CompletableFuture.failedFuture(handlerFailure);
        }
        return CompletableFuture.failedFuture(failure);
    }

    /** The last resort: an {@link HttpException} becomes its response, anything else is logged and becomes a 500. */
    public Response last(Request request, Throwable failure) {
        if (failure instanceof HttpException http) {
            return http.toResponse();
        }
        LOG.error("Unhandled exception while serving {}", describe(request), failure);
        ExceptionHandler<HttpException> handler = byStatus.get(500);
        if (handler != null) {
            try {
                return handler.handle(request, new HttpException(500));
            } catch (Throwable e) {
                LOG.error("The 500 exception handler failed too", e);
            }
        }
        return INTERNAL_ERROR;
    }

    private static String describe(Request request) {
        try {
            return request.method() + " " + request.url().rawPath();
        } catch (RuntimeException e) {
            return "a request";
        }
    }
}
