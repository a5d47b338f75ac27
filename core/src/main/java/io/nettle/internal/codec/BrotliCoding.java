package io.nettle.internal.codec;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code br} content coding (RFC 7932) through brotli4j, an optional dependency: the only
 * class that names brotli4j's types, touched by {@link ResponseCompression} only after
 * {@link #works()} said yes (and {@code works()} itself only inside a catch of every
 * {@code Throwable}, since without the library even loading this class may fail).
 */
final class BrotliCoding {
    /** Quality 4 of 0–11: most of brotli's gain over gzip at about gzip's speed, for bodies made per request. */
    private static final Encoder.Parameters PARAMETERS = new Encoder.Parameters().setQuality(4);

    private BrotliCoding() {
    }

    /** Whether brotli4j's native library loads and a round trip through it gives back what went in. */
    static boolean works() throws IOException {
        Brotli4jLoader.ensureAvailability();
        byte[] probe = "nettle nettle nettle".getBytes(StandardCharsets.US_ASCII);
        DirectDecompress back = Decoder.decompress(Encoder.compress(probe, PARAMETERS));
        return back.getResultStatus() == DecoderJNI.Status.DONE && Arrays.equals(back.getDecompressedData(), probe);
    }

    static byte[] compress(byte[] body) {
        try {
            return Encoder.compress(body, PARAMETERS);
        } catch (IOException e) {
            // brotli4j reports an encoder failure (out of native memory) as an IOException.
            throw new UncheckedIOException("brotli compression failed", e);
        }
    }
}
