package io.nettle.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletionStage;

/**
 * An HTTP request. The head (method, URL, headers) is here at once; the body is read from the
 * connection when asked for (at most a few KiB of it before), through the asynchronous
 * {@link #body()}, {@link #text()}, {@link #json()} and {@link #form()}. A body larger than the
 * server's limit fails with a 413, malformed JSON or form data with a 400: let those stages fail
 * and the client gets that status. Requests are made by the server only: this interface is not
 * for implementing.
 */
public interface Request extends Connection {

    /** The method, upper case: {@code GET}, {@code POST}... */
    String method();

    /** The body's bytes. */
    CompletionStage<byte[]> body();

    /**
     * The body as text, in the charset of {@code Content-Type} (UTF-8 when none is given); an
     * unknown charset is a 400.
     */
    CompletionStage<String> text();

    /**
     * The body parsed as a JSON tree. A body that is not well-formed UTF-8, not JSON, or nested
     * too deeply is a 400 saying what is wrong and where (line and column).
     */
    CompletionStage<JsonNode> json();

    /**
     * The body bound to {@code type} by Jackson. A body that is not well-formed UTF-8, not JSON,
     * of the wrong shape for {@code type}, or {@code null} is a 400 saying what is wrong and where
     * (the field, the line and column).
     */
    <T> CompletionStage<T> json(Class<T> type);

    /** The body parsed as {@code application/x-www-form-urlencoded}; malformed escapes are a 400. */
    CompletionStage<Params> form();

    /**
     * The body parsed as {@code multipart/form-data} within {@link MultipartLimits#defaults()}:
     * see {@link #multipart(MultipartLimits)}.
     */
    default CompletionStage<MultipartForm> multipart() {
        return multipart(MultipartLimits.defaults());
    }

    /**
     * The body parsed as {@code multipart/form-data}, read as a stream: small parts in memory,
     * larger ones written to temporary files (deleted once the response has been sent), all of
     * it on the blocking executor, never on an event loop, and no faster than it is parsed. Another
     * content type is a 415, a malformed body a 400, a body beyond {@code limits} a 413.
     */
    CompletionStage<MultipartForm> multipart(MultipartLimits limits);
}
