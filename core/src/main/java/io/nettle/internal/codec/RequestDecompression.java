package io.nettle.internal.codec;

import io.nettle.http.HttpException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Inflates a request body sent with {@code Content-Encoding: gzip} or {@code deflate}, bounded:
 * the inflated body may not exceed the server's body limit (a zip bomb gets {@code 413}, read no
 * further than the limit). Malformed data is a {@code 400}; another encoding a {@code 415}.
 */
public final class RequestDecompression {
    private RequestDecompression() {
    }

    /** {@code body} as sent with {@code contentEncoding} ({@code null} or {@code identity}: unchanged), inflated up to {@code maxBytes}. */
    public static byte[] inflate(byte[] body, String contentEncoding, long maxBytes) {
        if (contentEncoding == null) {
            return body;
        }
        String encoding = contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity")) {
            return body;
        }
        if (!encoding.equals("gzip") && !encoding.equals("x-gzip") && !encoding.equals("deflate")) {
            throw new HttpException(415, "Unsupported Content-Encoding: send gzip, deflate or none");
        }
        try (InputStream in = encoding.equals("deflate") ? new InflaterInputStream(new ByteArrayInputStream(body))
            : new GZIPInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length * 4));
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) > 0; ) {
                if (out.size() + (long) n > maxBytes) {
                    throw new HttpException(413, "Request body larger than " + maxBytes + " bytes once decompressed");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (IOException malformed) {
            throw new HttpException(400, "Malformed " + encoding + " request body");
        }
    }
}
