package io.nettle.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Comparison of secrets in time that does not depend on where, or whether, they differ. */
public final class Secrets {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    });

    private Secrets() {
    }

    /**
     * Whether {@code presented} equals {@code expected}. Both are hashed with SHA-256 first and
     * the digests compared with {@link MessageDigest#isEqual}, so the time taken depends neither
     * on the position of the first difference nor on the lengths of the inputs.
     */
    public static boolean constantTimeEquals(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    /**
     * Whether the SHA-256 digest of {@code presented} equals {@code expectedDigest}, in constant
     * time: for a secret whose digest was computed once, ahead of time.
     */
    public static boolean matchesDigest(String presented, byte[] expectedDigest) {
        return presented != null && MessageDigest.isEqual(sha256(presented), expectedDigest);
    }

    /** The SHA-256 digest of the UTF-8 bytes of {@code value}. */
    public static byte[] sha256(String value) {
        return SHA256.get().digest(value.getBytes(StandardCharsets.UTF_8));
    }
}
