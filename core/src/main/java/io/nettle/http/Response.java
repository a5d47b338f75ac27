package io.nettle.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nettle.internal.FileBody;
import io.nettle.internal.ResponseValue;
import io.nettle.internal.codec.ContentDisposition;
import io.nettle.internal.codec.MediaTypes;
import io.nettle.internal.exchange.EventStreamBody;
import io.nettle.internal.exchange.PublisherBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * An HTTP response: an immutable value of status, headers and body.
 *
 * <p>Build one with a factory and refine it with the {@code with...} methods, each of which
 * returns a new response:
 * <pre>{@code
 * Response.json(Map.of("id", 7)).withStatus(201).withHeader("Location", "/users/7");
 * Response.redirect("/login");                          // 307
 * Response.text("bye").withCookie(Cookie.delete("session"));
 * }</pre>
 * A response holds no pooled or reference-counted memory, so the same instance may be
 * returned for many requests. Responses are made by these factories only: this interface is not
 * for implementing.
 */
public interface Response {

    /** A 200 {@code text/plain; charset=utf-8} response. */
    static Response text(String body) {
        return bytes(Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /** A 200 {@code text/html; charset=utf-8} response. */
    static Response html(String body) {
        return bytes(Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
    }

    /** A 200 {@code application/json} response: {@code value} serialized by {@link Json#mapper()}. */
    static Response json(Object value) {
        return json(value, Json.mapper());
    }

    /** A 200 {@code application/json} response: {@code value} serialized by {@code mapper}. */
    static Response json(Object value, ObjectMapper mapper) {
        try {
            return bytes(mapper.writeValueAsBytes(value), "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + value.getClass().getName() + " to JSON", e);
        }
    }

    /** A 200 response with the given body and {@code Content-Type}. The array is not copied: do not change it. */
    static Response bytes(byte[] body, String contentType) {
        return ResponseValue.bytes(body, contentType);
    }

    /**
     * A 200 response of {@code contentType} whose body {@code producer} writes as it goes, with
     * back-pressure (see {@link BodyWriter}): chunked on HTTP/1.1, DATA frames on HTTP/2. Not
     * compressed by the server. A HEAD request gets the head only; the producer does not run.
     */
    static Response stream(String contentType, BodyProducer producer) {
        return ResponseValue.stream(contentType, producer);
    }

    /**
     * A 200 response of {@code contentType} whose body is the items of {@code publisher}, requested
     * one at a time as the client takes them; the subscription is cancelled when the client leaves.
     */
    static Response publish(String contentType, Flow.Publisher<ByteBuffer> publisher) {
        return ResponseValue.stream(contentType, new PublisherBody(Objects.requireNonNull(publisher, "publisher")));
    }

    /**
     * A 200 response whose body is the file at {@code path}, its {@code Content-Type} from the
     * file's extension ({@code text/...; charset=utf-8} for text). Sent without copying on
     * cleartext HTTP/1.1, read in chunks off the event loop otherwise. Reads the file's size now:
     * call it from a blocking endpoint or {@link Connection#runBlocking} where the disk may be
     * slow. For a directory of files with caching, ranges and safety checks, mount
     * {@code io.nettle.routing.StaticFiles}.
     *
     * @throws HttpException 404 when there is no such regular file
     */
    static Response file(Path path) {
        try {
            if (!Files.isRegularFile(path)) {
                throw new HttpException(404, "Not Found");
            }
            return ResponseValue.file(new FileBody(path, 0, Files.size(path)), MediaTypes.forFileName(String.valueOf(path.getFileName())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + path, e);
        }
    }

    /**
     * {@link #file(Path)} as a download: {@code Content-Disposition: attachment} with
     * {@code fileName} (any characters: an ASCII fallback and the UTF-8 name, RFC 6266).
     */
    static Response download(Path path, String fileName) {
        return file(path).withHeader("Content-Disposition", ContentDisposition.attachment(fileName));
    }

    /**
     * A stream of server-sent events ({@code text/event-stream}): {@code handler} gets the
     * {@link EventStream} once the response head is on its way, and sends events for as long as
     * it likes; a heartbeat comment goes out every 15 seconds when nothing else did, so that
     * proxies keep the connection. The client's {@code Last-Event-ID} (after a reconnection) is a
     * request header. Guard it with {@code requires(...)} like any endpoint.
     * <pre>{@code
     * Route.get("/events", requires("authenticated", request -> {
     *     long after = request.header("Last-Event-ID").map(Long::parseLong).orElse(0L);
     *     return CompletableFuture.completedFuture(Response.events(stream -> ticks.subscribe(stream, after)));
     * }))
     * }</pre>
     */
    static Response events(Consumer<EventStream> handler) {
        return events(Duration.ofSeconds(15), handler);
    }

    /** {@link #events(Consumer)} with a heartbeat every {@code heartbeat} ({@link Duration#ZERO}: none). */
    static Response events(Duration heartbeat, Consumer<EventStream> handler) {
        if (heartbeat.isNegative()) {
            throw new IllegalArgumentException("heartbeat must not be negative");
        }
        return ResponseValue.stream("text/event-stream; charset=utf-8",
                new EventStreamBody(Objects.requireNonNull(handler, "handler"), heartbeat))
            .withHeader("Cache-Control", "no-store").withHeader("X-Accel-Buffering", "no");
    }

    /** A {@code 307 Temporary Redirect} to {@code location}. */
    static Response redirect(String location) {
        return redirect(location, 307);
    }

    /**
     * A redirect to {@code location} with the given 3xx status (301, 302, 303, 307, 308...).
     *
     * @throws IllegalArgumentException when {@code status} is not a 3xx code
     */
    static Response redirect(String location, int status) {
        if (status < 300 || status > 399) {
            throw new IllegalArgumentException("a redirect status must be 3xx, was " + status);
        }
        return status(status).withHeader("Location", location);
    }

    /** A response with the given status and an empty body. */
    static Response status(int status) {
        return ResponseValue.status(status);
    }

    /** The status code. */
    int status();

    /** The headers, {@code Content-Type} and {@code Set-Cookie} included. */
    Headers headers();

    /** The body. The array is shared: do not change it. Empty for a streamed or file body, which goes to the client only. */
    byte[] body();

    /** The body decoded as UTF-8. */
    default String bodyText() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /** This response with another status. */
    Response withStatus(int status);

    /**
     * This response with {@code name} set to {@code value}, replacing earlier values of it.
     *
     * @throws IllegalArgumentException when the name or value holds characters a header cannot (CR, LF, ...)
     */
    Response withHeader(String name, String value);

    /** This response with one more {@code name: value} line, keeping earlier values of it. */
    Response addHeader(String name, String value);

    /** This response without any header named {@code name}. */
    Response withoutHeader(String name);

    /** This response with a {@code Set-Cookie} line for {@code cookie}. */
    default Response withCookie(Cookie cookie) {
        return addHeader("Set-Cookie", cookie.toSetCookieHeader());
    }

    /** This response with a {@code Set-Cookie} line that deletes the cookie {@code name} at path {@code /}. */
    default Response deleteCookie(String name) {
        return withCookie(Cookie.delete(name));
    }

    /** This response with another body of the given content type. */
    Response withBody(byte[] body, String contentType);

    /**
     * This response, never compressed by the server's response compression: for a body that
     * reflects user input next to a secret (BREACH, see {@code io.nettle.Compression}).
     */
    Response withoutCompression();

    /** Whether the server's response compression may compress this response. Default: {@code true}. */
    boolean compressible();
}
