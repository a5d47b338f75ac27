package io.nettle.internal.codec;

import io.nettle.Compression;
import io.nettle.http.Response;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Compresses a response as the client's {@code Accept-Encoding} allows (RFC 9110 §12.5.3:
 * q-values, {@code *}, {@code q=0} for "not acceptable"): gzip, else deflate. Protocol-neutral:
 * it changes the response value, which any protocol then writes.
 */
public final class ResponseCompression {
    private static final String VARY = "Vary";
    private static final String ACCEPT_ENCODING = "Accept-Encoding";

    private ResponseCompression() {
    }

    /** {@code response} compressed (or only marked {@code Vary: Accept-Encoding}) when {@code settings} and the client allow it. */
    public static Response apply(Compression settings, Response response, String acceptEncoding) {
        if (!response.compressible()) {
            return response;
        }
        Optional<String> type = response.headers().get("Content-Type");
        if (type.isEmpty() || !settings.compresses(type.get())) {
            return response;
        }
        Response varied = withVary(response);
        int status = response.status();
        byte[] body = response.body();
        if (response.headers().get("Content-Encoding").isPresent() || status < 200 || status == 204 || status == 304
            || body.length < settings.minSize()) {
            return varied;
        }
        String encoding = negotiate(acceptEncoding);
        if (encoding == null) {
            return varied;
        }
        return varied.withBody(compress(body, encoding), type.get()).withHeader("Content-Encoding", encoding);
    }

    private static Response withVary(Response response) {
        Optional<String> vary = response.headers().get(VARY);
        if (vary.isEmpty()) {
            return response.withHeader(VARY, ACCEPT_ENCODING);
        }
        String value = vary.get();
        if (value.trim().equals("*") || value.toLowerCase(Locale.ROOT).contains("accept-encoding")) {
            return response;
        }
        return response.withHeader(VARY, value + ", " + ACCEPT_ENCODING);
    }

    /** The encoding to use for {@code acceptEncoding}: {@code gzip}, {@code deflate}, or {@code null} for none. */
    public static String negotiate(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.isBlank()) {
            return null;
        }
        double gzip = -1;
        double deflate = -1;
        double any = -1;
        for (String element : acceptEncoding.split(",")) {
            String[] parts = element.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            switch (coding) {
                case "gzip", "x-gzip" -> gzip = Math.max(gzip, q);
                case "deflate" -> deflate = Math.max(deflate, q);
                case "*" -> any = q;
                default -> {
                }
            }
        }
        double g = gzip >= 0 ? gzip : any;
        double d = deflate >= 0 ? deflate : any;
        if (g <= 0 && d <= 0) {
            return null;
        }
        return g >= d ? "gzip" : "deflate";
    }

    /** The q-value of an {@code Accept-Encoding} element (1 when absent, 0 when malformed). */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
                try {
                    double q = Double.parseDouble(parameter.substring(2).trim());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    private static byte[] compress(byte[] body, String encoding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 3));
        try (var compressor = encoding.equals("gzip") ? new GZIPOutputStream(out, 8192)
            : new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION), 8192)) {
            compressor.write(body);
        } catch (java.io.IOException impossible) {
            throw new java.io.UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }
}
