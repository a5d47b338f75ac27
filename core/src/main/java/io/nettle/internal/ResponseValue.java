package io.nettle.internal;

import io.nettle.http.BodyProducer;
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
    /** A body not held in {@link #body}: a {@link FileBody} or a {@link BodyProducer}; {@code null} for bytes. */
    private final Object streamed;
    /** The server's cache of this response's wire form; opaque here. */
    private volatile Object wire;

    private ResponseValue(boolean compressible, int status, String[] headers, byte[] body, Object streamed) {
        this.compressible = compressible;
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.streamed = streamed;
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
        return new ResponseValue(true, 200, new String[] {CONTENT_TYPE, checkValue(Objects.requireNonNull(contentType, "contentType"))}, body, null);
    }

    /** A 200 response of {@code contentType} whose body {@code producer} writes as it goes (never compressed). */
    public static ResponseValue stream(String contentType, BodyProducer producer) {
        Objects.requireNonNull(producer, "producer");
        return new ResponseValue(false, 200, new String[] {CONTENT_TYPE, checkValue(Objects.requireNonNull(contentType, "contentType"))},
            EMPTY, producer);
    }

    /** A 200 response of {@code contentType} whose body is {@code file} (not compressed: serve precompressed files instead). */
    public static ResponseValue file(FileBody file, String contentType) {
        Objects.requireNonNull(file, "file");
        return new ResponseValue(false, 200, new String[] {CONTENT_TYPE, checkValue(Objects.requireNonNull(contentType, "contentType"))},
            EMPTY, file);
    }

    /** A response with {@code status} and an empty body. */
    public static ResponseValue status(int status) {
        return new ResponseValue(true, Status.check(status), NO_HEADERS, EMPTY, null);
    }

    /** Whether a response with {@code status} carries a body: not a 1xx, 204 or 304. */
    public static boolean carriesBody(int status) {
        return status >= 200 && status != 204 && status != 304;
    }

    /**
     * How many body bytes go on the wire for {@code response} to a request ({@code head}: of
     * method HEAD): a file body's length; for a produced body, 0 (known only once it ended).
     */
    public static long bodyBytes(Response response, boolean head) {
        if (head || !carriesBody(response.status())) {
            return 0;
        }
        ResponseValue value = of(response);
        return value.streamed instanceof FileBody file ? file.length() : value.body.length;
    }

    /** The file this response's body is read from, or {@code null}. */
    public FileBody file() {
        return streamed instanceof FileBody file ? file : null;
    }

    /** What writes this response's body as it goes, or {@code null}. */
    public BodyProducer producer() {
        return streamed instanceof BodyProducer producer ? producer : null;
    }

    /** Whether the body is a file or produced, not the bytes of {@link #body()}. */
    public boolean streamed() {
        return streamed != null;
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
        return new ResponseValue(compressible, Status.check(status), headers, body, streamed);
    }

    @Override
    public Response withHeader(String name, String value) {
        return new ResponseValue(compressible, status, append(without(headers, checkName(name)), name, checkValue(value)), body, streamed);
    }

    @Override
    public Response addHeader(String name, String value) {
        return new ResponseValue(compressible, status, append(headers, checkName(name), checkValue(value)), body, streamed);
    }

    @Override
    public Response withoutHeader(String name) {
        return new ResponseValue(compressible, status, without(headers, name), body, streamed);
    }

    @Override
    public Response withoutCompression() {
        return compressible ? new ResponseValue(false, status, headers, body, streamed) : this;
    }

    @Override
    public boolean compressible() {
        return compressible;
    }

    @Override
    public Response withBody(byte[] body, String contentType) {
        return new ResponseValue(compressible, status, append(without(headers, CONTENT_TYPE), CONTENT_TYPE, checkValue(contentType)),
            Objects.requireNonNull(body, "body"), null);
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
        return "Response[" + status + ", " + (streamed instanceof FileBody file ? file.length() + " bytes from " + file.path()
            : streamed != null ? "streamed" : body.length + " bytes") + "]";
    }
}
