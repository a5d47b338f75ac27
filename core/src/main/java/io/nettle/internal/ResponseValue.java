package io.nettle.internal;

import io.nettle.http.Headers;
import io.nettle.http.Response;
import io.nettle.http.Status;
import io.nettle.internal.codec.PairHeaders;
import java.util.Objects;

/**
 * The one implementation of {@link Response}: an immutable status, header pairs and body, with
 * a slot where the server caches the response's encoded head (a response returned for many
 * requests is encoded once).
 */
public final class ResponseValue implements Response {
    private static final String CONTENT_TYPE = "content-type";
    private static final String[] NO_HEADERS = new String[0];
    private static final byte[] EMPTY = new byte[0];

    /** Whether response compression may compress it. */
    private final boolean compressible;
    private final int status;
    /** Header names and values, alternating; never changed once the response is made. */
    private final String[] headers;
    private final byte[] body;
    /** The server's cache of this response's wire form; opaque here. */
    private volatile Object wire;

    private ResponseValue(boolean compressible, int status, String[] headers, byte[] body) {
        this.compressible = compressible;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** The value behind {@code response}: every {@link Response} is one, since responses are made by its factories only. */
    public static ResponseValue of(Response response) {
        if (response instanceof ResponseValue value) {
            return value;
        }
        throw new IllegalArgumentException("not a response made by Response's factories: " + response.getClass().getName());
    }

    /** A 200 response with {@code body} of {@code contentType}. */
    public static ResponseValue bytes(byte[] body, String contentType) {
        Objects.requireNonNull(body, "body");
        return new ResponseValue(true, 200, new String[] {CONTENT_TYPE, checkValue(Objects.requireNonNull(contentType, "contentType"))}, body);
    }

    /** A response with {@code status} and an empty body. */
    public static ResponseValue status(int status) {
        return new ResponseValue(true, Status.check(status), NO_HEADERS, EMPTY);
    }

    /** Whether a response with {@code status} carries a body: not a 1xx, 204 or 304. */
    public static boolean carriesBody(int status) {
        return status >= 200 && status != 204 && status != 304;
    }

    /** How many body bytes go on the wire for {@code response} to a request ({@code head}: of method HEAD). */
    public static int bodyBytes(Response response, boolean head) {
        return head || !carriesBody(response.status()) ? 0 : response.body().length;
    }

    /**
     * The {@code Content-Length} the response set itself (an answer to HEAD may), or -1 when it
     * set none or one that is not a length.
     */
    public long declaredLength() {
        for (int i = 0; i < headers.length; i += 2) {
            if ("content-length".equalsIgnoreCase(headers[i])) {
                try {
                    long length = Long.parseLong(headers[i + 1].trim());
                    return length >= 0 ? length : -1;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** Header names and values, alternating; shared, never to be changed. */
    public String[] headerPairs() {
        return headers;
    }

    /** The server's cache of this response's wire form, or {@code null}. */
    public Object wire() {
        return wire;
    }

    /** Caches this response's wire form. */
    public void wire(Object wire) {
        this.wire = wire;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public Headers headers() {
        return new PairHeaders(headers);
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public Response withStatus(int status) {
        return new ResponseValue(compressible, Status.check(status), headers, body);
    }

    @Override
    public Response withHeader(String name, String value) {
        return new ResponseValue(compressible, status, append(without(headers, checkName(name)), name, checkValue(value)), body);
    }

    @Override
    public Response addHeader(String name, String value) {
        return new ResponseValue(compressible, status, append(headers, checkName(name), checkValue(value)), body);
    }

    @Override
    public Response withoutHeader(String name) {
        return new ResponseValue(compressible, status, without(headers, name), body);
    }

    @Override
    public Response withoutCompression() {
        return compressible ? new ResponseValue(false, status, headers, body) : this;
    }

    @Override
    public boolean compressible() {
        return compressible;
    }

    @Override
    public Response withBody(byte[] body, String contentType) {
        return new ResponseValue(compressible, status, append(without(headers, CONTENT_TYPE), CONTENT_TYPE, checkValue(contentType)),
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
