package io.nettle.http;

import java.util.Map;
import java.util.Objects;

/**
 * An exception that becomes an HTTP response: the given status, a {@code text/plain} body with
 * the detail (or the standard reason phrase when there is no detail), and optional extra headers.
 *
 * <p>Throw it from an endpoint or middleware, or fail a {@code CompletionStage} with it:
 * <pre>{@code
 * throw new HttpException(404, "No such user: " + id);
 * }</pre>
 * Exception handlers registered on the {@code App} by status see it before it is written.
 * No stack trace is filled in: this is control flow, not a fault.
 */
public class HttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String detail;
    private final Map<String, String> headers;

    /** An exception answered with {@code status} and its reason phrase. */
    public HttpException(int status) {
        this(status, null, Map.of());
    }

    /** An exception answered with {@code status} and {@code detail} as the text body. */
    public HttpException(int status, String detail) {
        this(status, detail, Map.of());
    }

    /**
     * An exception answered with {@code status}, {@code detail} as the text body (the reason
     * phrase when {@code null}) and the given extra headers (for example {@code WWW-Authenticate}).
     */
    public HttpException(int status, String detail, Map<String, String> headers) {
        super(detail == null ? Status.reasonPhrase(status) : detail, null, false, false);
        Status.check(status);
        this.status = status;
        this.detail = detail == null ? Status.reasonPhrase(status) : detail;
        this.headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    }

    /** The status code of the response. */
    public int status() {
        return status;
    }

    /** The body of the response: the detail given, or the reason phrase. */
    public String detail() {
        return detail;
    }

    /** Extra headers of the response. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The response this exception stands for. */
    public Response toResponse() {
        Response response = Response.text(detail).withStatus(status);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return response;
    }
}
