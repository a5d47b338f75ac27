package io.nettle.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nettle.internal.Internals;
import io.nettle.internal.codec.PairHeaders;
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
    private static final String CONTENT_TYPE = "content-type";
    private static final String[] NO_HEADERS = new String[0];
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

            @Override
            public String[] headerPairs(Response response) {
                return response.headers;
            }
        });
    }

    private final int status;
    /** Header names and values, alternating; never changed once the response is made. */
    private final String[] headers;
    private final byte[] body;
    /** The server's cache of this response's wire form; opaque here. */
    private volatile Object wire;

    private Response(int status, String[] headers, byte[] body) {
        this.status = status;
        this.headers = headers;
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
        return new Response(200, new String[] {CONTENT_TYPE, checkValue(Objects.requireNonNull(contentType, "contentType"))}, body);
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
        return new Response(Status.check(status), NO_HEADERS, EMPTY);
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The headers, {@code Content-Type} and {@code Set-Cookie} included. */
    public Headers headers() {
        return new PairHeaders(headers);
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
        return new Response(status, append(without(headers, checkName(name)), name, checkValue(value)), body);
    }

    /** This response with one more {@code name: value} line, keeping earlier values of it. */
    public Response addHeader(String name, String value) {
        return new Response(status, append(headers, checkName(name), checkValue(value)), body);
    }

    /** This response without any header named {@code name}. */
    public Response withoutHeader(String name) {
        return new Response(status, without(headers, name), body);
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
        return new Response(status, append(without(headers, CONTENT_TYPE), CONTENT_TYPE, checkValue(contentType)),
            Objects.requireNonNull(body, "body"));
    }

    private static String[] append(String[] pairs, String name, String value) {
        String[] more = java.util.Arrays.copyOf(pairs, pairs.length + 2);
        more[pairs.length] = name;
        more[pairs.length + 1] = value;
        return more;
    }

    private static String[] without(String[] pairs, String name) {
        int kept = 0;
        String[] rest = new String[pairs.length];
        for (int i = 0; i < pairs.length; i += 2) {
            if (!pairs[i].equalsIgnoreCase(name)) {
                rest[kept++] = pairs[i];
                rest[kept++] = pairs[i + 1];
            }
        }
        return kept == pairs.length ? pairs : java.util.Arrays.copyOf(rest, kept);
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
