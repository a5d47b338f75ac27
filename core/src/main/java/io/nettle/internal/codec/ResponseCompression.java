package io.nettle.internal.codec;

import io.nettle.Compression;
import io.nettle.http.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compresses a response as the client's {@code Accept-Encoding} allows (RFC 9110 §12.5.3:
 * q-values, {@code *}, {@code q=0} for "not acceptable", {@code identity}): brotli ({@code br})
 * and zstd ({@code zstd}) where their optional libraries load, gzip and deflate always (the
 * JDK's). Among the codings the client likes best, the server prefers br, then zstd, gzip,
 * deflate. Protocol-neutral: it changes the response value, which any protocol then writes.
 */
public final class ResponseCompression {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseCompression.class);
    private static final String VARY = "Vary";
    private static final String ACCEPT_ENCODING = "Accept-Encoding";

    /** The content codings this server can produce, in its order of preference when the client likes several as much. */
    enum Coding {
        BR("br"), ZSTD("zstd"), GZIP("gzip"), DEFLATE("deflate");

        final String token;

        Coding(String token) {
            this.token = token;
        }
    }

    /** The codings that work in this JVM, found once: gzip and deflate always, br and zstd when their libraries load. */
    private static final class Available {
        static final Set<Coding> CODINGS = detect();

        private static Set<Coding> detect() {
            Set<Coding> codings = EnumSet.of(Coding.GZIP, Coding.DEFLATE);
            if (works("br", "brotli4j (com.aayushatharva.brotli4j:brotli4j and its native-<platform> jar)", BrotliCoding::works)) {
                codings.add(Coding.BR);
            }
            if (works("zstd", "zstd-jni (com.github.luben:zstd-jni)", ZstdCoding::works)) {
                codings.add(Coding.ZSTD);
            }
            return Collections.unmodifiableSet(codings);
        }

        /** Whether {@code probe} says yes; any {@code Throwable} (no class, no native library for this platform) is a no. */
        private static boolean works(String coding, String library, Callable<Boolean> probe) {
            try {
                if (Boolean.TRUE.equals(probe.call())) {
                    return true;
                }
                LOG.debug("Response compression: {} not offered, {} failed its round trip", coding, library);
            } catch (Throwable t) {
                LOG.debug("Response compression: {} not offered, {} not available ({})", coding, library, t.toString());
            }
            return false;
        }
    }

    private ResponseCompression() {
    }

    /**
     * The content codings offered in this JVM, in the server's order of preference: {@code br}
     * and {@code zstd} when their libraries load, then {@code gzip} and {@code deflate}. The first
     * call finds them (loading native libraries), so call it before serving.
     */
    public static List<String> codings() {
        return Available.CODINGS.stream().map(coding -> coding.token).toList();
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
        Coding coding = choose(acceptEncoding, Available.CODINGS);
        if (coding == null) {
            return varied;
        }
        return varied.withBody(compress(body, coding), type.get()).withHeader("Content-Encoding", coding.token);
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

    /**
     * The content coding to use for {@code acceptEncoding} among those this JVM offers
     * ({@link #codings()}): {@code br}, {@code zstd}, {@code gzip}, {@code deflate}, or
     * {@code null} for none (send the body as it is).
     */
    public static String negotiate(String acceptEncoding) {
        return negotiate(acceptEncoding, Available.CODINGS);
    }

    /** {@link #negotiate(String)} as if only the codings in {@code available} worked. */
    static String negotiate(String acceptEncoding, Set<Coding> available) {
        Coding coding = choose(acceptEncoding, available);
        return coding == null ? null : coding.token;
    }

    /**
     * RFC 9110 §12.5.3: a coding the header names has its q-value (the highest, if named twice),
     * one it does not name has that of {@code *}, or is not acceptable without a {@code *};
     * q=0 is "not acceptable". The highest q wins, a tie goes to the server's preference
     * ({@link Coding}'s order), and no coding at all is chosen when none is acceptable or the
     * client prefers {@code identity} to all of them.
     */
    private static Coding choose(String acceptEncoding, Set<Coding> available) {
        if (acceptEncoding == null || acceptEncoding.isBlank()) {
            return null;
        }
        Coding best = null;
        double bestQ = 0;
        for (Coding coding : Coding.values()) {
            double q = AcceptEncoding.quality(acceptEncoding, coding.token);
            if (available.contains(coding) && q > bestQ) {
                best = coding;
                bestQ = q;
            }
        }
        return AcceptEncoding.named(acceptEncoding, "identity") > bestQ ? null : best;
    }

    private static byte[] compress(byte[] body, Coding coding) {
        return switch (coding) {
            case BR -> BrotliCoding.compress(body);
            case ZSTD -> ZstdCoding.compress(body);
            case GZIP, DEFLATE -> deflate(body, coding == Coding.GZIP);
        };
    }

    /** gzip (RFC 1952) or deflate (the zlib format of RFC 1950, as HTTP's {@code deflate} means) with the JDK's zlib. */
    private static byte[] deflate(byte[] body, boolean gzip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 3));
        // GZIPOutputStream ends its own Deflater when closed; the one given to DeflaterOutputStream is
        // ended here, freeing its native memory now rather than when it is garbage collected.
        Deflater deflater = gzip ? null : new Deflater(Deflater.DEFAULT_COMPRESSION);
        try (var compressor = gzip ? new GZIPOutputStream(out, 8192) : new DeflaterOutputStream(out, deflater, 8192)) {
            compressor.write(body);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        } finally {
            if (deflater != null) {
                deflater.end();
            }
        }
        return out.toByteArray();
    }
}
