package io.nettle.internal.http2;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import io.nettle.internal.ResponseValue;
import io.nettle.internal.exchange.DateHeader;
import java.util.Set;

/**
 * The header block of a response on HTTP/2: {@code :status}, the response's own fields with
 * lower-case names (without those HTTP/2 forbids, RFC 9113 §8.2.2), {@code content-length}
 * (unless the body is produced as it goes) and {@code date}.
 */
final class Http2Responses {
    /** Connection-specific fields, meaningless (and malformed) on HTTP/2, and the ones written here. */
    private static final Set<AsciiString> LEFT_OUT = Set.of(HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE,
        AsciiString.cached("proxy-connection"), HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE,
        HttpHeaderNames.CONTENT_LENGTH, HttpHeaderNames.DATE);
    private static final AsciiString[] STATUS = new AsciiString[600];

    private Http2Responses() {
    }

    /** The header block of {@code response} to a request ({@code head}: of method HEAD). */
    static Http2Headers headers(ResponseValue response, boolean head) {
        String[] pairs = response.headerPairs();
        Http2Headers out = new DefaultHttp2Headers(true, pairs.length / 2 + 3);
        out.status(status(response.status()));
        for (int i = 0; i < pairs.length; i += 2) {
            AsciiString name = AsciiString.of(pairs[i]).toLowerCase();
            if (!LEFT_OUT.contains(name)) {
                out.add(name, pairs[i + 1]);
            }
        }
        if (ResponseValue.carriesBody(response.status())) {
            long length = head ? response.declaredLength() : -1;
            if (length < 0) {
                length = response.file() != null ? response.file().length() : response.producer() != null ? -1 : response.body().length;
            }
            if (length >= 0) {
                out.setLong(HttpHeaderNames.CONTENT_LENGTH, length);
            }
        }
        out.set(HttpHeaderNames.DATE, DateHeader.value(System.currentTimeMillis() / 1000));
        return out;
    }

    private static AsciiString status(int code) {
        AsciiString text = STATUS[code];
        if (text == null) {
            text = AsciiString.of(Integer.toString(code));
            STATUS[code] = text;
        }
        return text;
    }
}
