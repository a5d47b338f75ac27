package io.nettle.internal.exchange;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.nettle.ServerSettings;
import io.nettle.http.HttpException;

/**
 * Checks a request head before anything of the application runs. On HTTP/1.1 a failure is
 * answered and the connection closed, since what follows on the wire can no longer be trusted;
 * on HTTP/2 it is answered on its stream.
 */
public final class RequestHeadCheck {
    private RequestHeadCheck() {
    }

    /** The rejection for {@code head}, decoded from HTTP/1.x, or {@code null} when it may be served. */
    public static HttpException http1(HttpRequest head, ServerSettings settings) {
        DecoderResult result = head.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            if (cause instanceof TooLongHttpLineException) {
                return new HttpException(414, "Request line longer than " + settings.maxInitialLineLength() + " bytes");
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return new HttpException(431, "Request headers larger than " + settings.maxHeaderSize() + " bytes");
            }
            return new HttpException(400, "Malformed HTTP request");
        }
        if (head.protocolVersion().majorVersion() != 1) {
            return new HttpException(505, "Only HTTP/1.0 and HTTP/1.1 are served here");
        }
        java.util.Iterator<String> hosts = head.headers().valueStringIterator(HttpHeaderNames.HOST);
        if (!hosts.hasNext()) {
            if (head.protocolVersion() == HttpVersion.HTTP_1_1) {
                return new HttpException(400, "Missing Host header");
            }
        } else if (hosts.next() != null && hosts.hasNext()) {
            return new HttpException(400, "More than one Host header");
        }
        return common(head, settings);
    }

    /** The rejection for {@code head} whatever the protocol (its target, its declared length), or {@code null}. */
    public static HttpException common(HttpRequest head, ServerSettings settings) {
        if (!visibleAscii(head.uri())) {
            return new HttpException(400, "Invalid character in the request target");
        }
        String length = head.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null) {
            long declared = parseLength(length);
            if (declared < 0) {
                return new HttpException(400, "Invalid Content-Length");
            }
            if (declared > settings.maxBodySize()) {
                return new HttpException(413, "Request body larger than " + settings.maxBodySize() + " bytes");
            }
        }
        return null;
    }

    /** Whether {@code target} holds only visible US-ASCII characters (no control characters, NUL included). */
    private static boolean visibleAscii(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static long parseLength(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(text);
    }
}
