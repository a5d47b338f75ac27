package io.nettle.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.nettle.internal.Internals;
import io.nettle.internal.NettyHeadersView;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

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
 * returned for many requests.
 */
public final class Response {
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json";
    private static final byte[] EMPTY = new byte[0];

    static {
        Internals.registerWireSlot(new Internals.WireSlot() {
            @Override
            public Object get(Response response) {
                return response.wire;
            }

            @Override
            public void set(Response response, Object value) {
                response.wire = value;
            }
        });
    }

    private final int status;
    private final HttpHeaders headers;
    /** The server's cache of this response's wire headers; opaque here. */
    private volatile Object wire;
    private final Headers headersView;
    private final byte[] body;

    private Response(int status, HttpHeaders headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.headersView = new NettyHeadersView(headers);
        this.body = body;
    }

    /** A 200 {@code text/plain; charset=utf-8} response. */
    public static Response text(String body) {
        return bytes(Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8), TEXT);
    }

    /** A 200 {@code text/html; charset=utf-8} response. */
    public static Response html(String body) {
        return bytes(Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8), HTML);
    }

    /** A 200 {@code application/json} response: {@code value} serialized by {@link Json#mapper()}. */
    public static Response json(Object value) {
        return json(value, Json.mapper());
    }

    /** A 200 {@code application/json} response: {@code value} serialized by {@code mapper}. */
    public static Response json(Object value, ObjectMapper mapper) {
        try {
            return bytes(mapper.writeValueAsBytes(value), JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + value.getClass().getName() + " to JSON", e);
        }
    }

    /** A 200 response with the given body and {@code Content-Type}. The array is not copied: do not change it. */
    public static Response bytes(byte[] body, String contentType) {
        Objects.requireNonNull(body, "body");
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.CONTENT_TYPE, Objects.requireNonNull(contentType, "contentType"));
        return new Response(200, headers, body);
    }

    /** A {@code 307 Temporary Redirect} to {@code location}. */
    public static Response redirect(String location) {
        return redirect(location, 307);
    }

    /**
     * A redirect to {@code location} with the given 3xx status (301, 302, 303, 307, 308...).
     *
     * @throws IllegalArgumentException when {@code status} is not a 3xx code
     */
    public static Response redirect(String location, int status) {
        if (status < 300 || status > 399) {
            throw new IllegalArgumentException("a redirect status must be 3xx, was " + status);
        }
        return status(status).withHeader("Location", location);
    }

    /** A response with the given status and an empty body. */
    public static Response status(int status) {
        return new Response(Status.check(status), new DefaultHttpHeaders(), EMPTY);
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The headers, {@code Content-Type} and {@code Set-Cookie} included. */
    public Headers headers() {
        return headersView;
    }

    /** The body. The array is shared: do not change it. */
    public byte[] body() {
        return body;
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** This response with another status. */
    public Response withStatus(int status) {
        return new Response(Status.check(status), headers, body);
    }

    /** This response with {@code name} set to {@code value}, replacing earlier values of it. */
    public Response withHeader(String name, String value) {
        HttpHeaders copy = headers.copy();
        copy.set(checkName(name), checkValue(value));
        return new Response(status, copy, body);
    }

    /** This response with one more {@code name: value} line, keeping earlier values of it. */
    public Response addHeader(String name, String value) {
        HttpHeaders copy = headers.copy();
        copy.add(checkName(name), checkValue(value));
        return new Response(status, copy, body);
    }

    /** This response without any header named {@code name}. */
    public Response withoutHeader(String name) {
        HttpHeaders copy = headers.copy();
        copy.remove(name);
        return new Response(status, copy, body);
    }

    /** This response with a {@code Set-Cookie} line for {@code cookie}. */
    public Response withCookie(Cookie cookie) {
        return addHeader("Set-Cookie", cookie.toSetCookieHeader());
    }

    /** This response with a {@code Set-Cookie} line that deletes the cookie {@code name} at path {@code /}. */
    public Response deleteCookie(String name) {
        return withCookie(Cookie.delete(name));
    }

    /** This response with another body of the given content type. */
    public Response withBody(byte[] body, String contentType) {
        HttpHeaders copy = headers.copy();
        copy.set(HttpHeaderNames.CONTENT_TYPE, checkValue(contentType));
        return new Response(status, copy, Objects.requireNonNull(body, "body"));
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a header name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("invalid character in header name: " + name);
            }
        }
        return name;
    }

    private static String checkValue(String value) {
        Objects.requireNonNull(value, "value");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c == 127 || c > 255) {
                throw new IllegalArgumentException("invalid character in header value (code " + (int) c + ")");
            }
        }
        return value;
    }

    @Override
    public String toString() {
        return "Response[" + status + ", " + body.length + " bytes]";
    }
}
