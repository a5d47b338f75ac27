package io.nettle.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies cookie values: {@code base64url(payload) "." base64url(HMAC-SHA256)}, the
 * MAC taken with the JDK's {@link Mac} over {@code name "=" base64url(payload)}, so that a value
 * signed for one cookie is not accepted under another name. The first key signs; every key
 * verifies (key rotation). Signatures are compared with {@link MessageDigest#isEqual}.
 */
public final class CookieSigner {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final List<SecretKeySpec> keys;
    /**
     * One initialised {@link Mac} per key for each thread that signs or verifies: a {@code Mac} is
     * not thread-safe, and {@code getInstance} plus {@code init} cost more than the MAC of a
     * cookie. {@code doFinal} leaves it ready for the next use with the same key.
     */
    private final ThreadLocal<Mac[]> macs;

    /** A signer with {@code keys}, the newest (the signing key) first. */
    public CookieSigner(List<byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key is required");
        }
        this.keys = keys.stream().map(key -> new SecretKeySpec(key, ALGORITHM)).toList();
        this.macs = ThreadLocal.withInitial(() -> new Mac[this.keys.size()]);
        newMac(this.keys.get(0)); // fails now, not at the first request, if the platform lacks the algorithm
    }

    /** The signed cookie value carrying {@code payload} for the cookie {@code name}. */
    public String sign(String name, byte[] payload) {
        String encoded = ENCODER.encodeToString(payload);
        return encoded + "." + ENCODER.encodeToString(mac(0, name, encoded));
    }

    /** The payload of {@code value} when one of the keys signed it for {@code name}; empty for anything else. */
    public Optional<Verified> verify(String name, String value) {
        int dot = value.indexOf('.');
        if (dot < 0 || dot != value.lastIndexOf('.')) {
            return Optional.empty();
        }
        String encoded = value.substring(0, dot);
        if (!isBase64Url(encoded)) {
            return Optional.empty();
        }
        byte[] presented;
        try {
            presented = DECODER.decode(value.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (presented.length != MAC_BYTES) {
            return Optional.empty();
        }
        for (int i = 0; i < keys.size(); i++) {
            if (MessageDigest.isEqual(presented, mac(i, name, encoded))) {
                try {
                    return Optional.of(new Verified(DECODER.decode(encoded), i == 0));
                } catch (IllegalArgumentException notBase64) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A verified payload.
     *
     * @param payload            the bytes that were signed
     * @param signedByNewestKey  whether the current signing key signed it (else an older one)
     */
    public record Verified(byte[] payload, boolean signedByNewestKey) {
    }

    private static boolean isBase64Url(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private byte[] mac(int keyIndex, String name, String encoded) {
        Mac[] perKey = macs.get();
        Mac mac = perKey[keyIndex];
        if (mac == null) {
            mac = newMac(keys.get(keyIndex));
            perKey[keyIndex] = mac;
        }
        mac.update(name.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '=');
        return mac.doFinal(encoded.getBytes(StandardCharsets.US_ASCII));
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is required of every Java platform", e);
        }
    }
}
