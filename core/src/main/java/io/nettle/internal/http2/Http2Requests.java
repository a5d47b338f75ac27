package io.nettle.internal.http2;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2Headers;
import io.nettle.http.HttpException;
import java.util.Map;

/**
 * The request head of an HTTP/2 stream in the form every request has in Nettle: method and
 * target from {@code :method} and {@code :path}, {@code Host} from {@code :authority}, the
 * {@code cookie} fields joined into one header (RFC 9113 §8.2.3), the other fields as they came.
 */
final class Http2Requests {
    /** The protocol version of requests that came over HTTP/2. */
    static final HttpVersion HTTP_2 = new HttpVersion("HTTP", 2, 0, true);

    private Http2Requests() {
    }

    /**
     * The head of a stream whose header block is {@code headers}.
     *
     * @throws HttpException 400 when it cannot be a request (no method or path, a CONNECT, an invalid field)
     */
    static HttpRequest head(Http2Headers headers) throws HttpException {
        CharSequence method = headers.method();
        CharSequence path = headers.path();
        if (method == null || HttpMethod.CONNECT.asciiName().contentEquals(method)) {
            throw new HttpException(400, method == null ? "Missing :method" : "CONNECT is not served here");
        }
        if (path == null || path.length() == 0) {
            throw new HttpException(400, "Missing :path");
        }
        try {
            HttpHeaders fields = new DefaultHttpHeaders();
            StringBuilder cookies = null;
            for (Map.Entry<CharSequence, CharSequence> field : headers) {
                CharSequence name = field.getKey();
                if (name.length() > 0 && name.charAt(0) == ':') {
                    continue;
                }
                if (HttpHeaderNames.COOKIE.contentEquals(name)) {
                    cookies = cookies == null ? new StringBuilder(field.getValue()) : cookies.append("; ").append(field.getValue());
                } else {
                    fields.add(name, field.getValue());
                }
            }
            if (cookies != null) {
                fields.set(HttpHeaderNames.COOKIE, cookies.toString());
            }
            CharSequence authority = headers.authority();
            if (authority != null) {
                fields.set(HttpHeaderNames.HOST, authority);
            }
            return new DefaultHttpRequest(HTTP_2, HttpMethod.valueOf(method.toString()), path.toString(), fields);
        } catch (IllegalArgumentException invalid) {
            throw new HttpException(400, "Malformed HTTP request");
        }
    }
}
