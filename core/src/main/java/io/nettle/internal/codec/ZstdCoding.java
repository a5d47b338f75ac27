package io.nettle.internal.codec;

import com.github.luben.zstd.Zstd;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code zstd} content coding (RFC 8878, RFC 9659) through zstd-jni, an optional
 * dependency: the only class that names zstd-jni's types, touched by {@link ResponseCompression}
 * only after {@link #works()} said yes (and {@code works()} itself only inside a catch of every
 * {@code Throwable}, since without the library even loading this class may fail).
 */
final class ZstdCoding {
    /**
     * Level 3, zstd's default: fast, and its window (at most 2 MiB, 2^21) stays within the 8 MiB
     * that RFC 9659 lets a {@code zstd} content coding use, which browsers enforce.
     */
    private static final int LEVEL = 3;

    private ZstdCoding() {
    }

    /** Whether zstd-jni's native library loads and a round trip through it gives back what went in. */
    static boolean works() {
        byte[] probe = "nettle nettle nettle".getBytes(StandardCharsets.US_ASCII);
        return Arrays.equals(Zstd.decompress(compress(probe), probe.length), probe);
    }

    static byte[] compress(byte[] body) {
        return Zstd.compress(body, LEVEL);
    }
}
