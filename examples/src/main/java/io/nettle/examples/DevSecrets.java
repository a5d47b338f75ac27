package io.nettle.examples;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The examples' signing keys: from an environment variable, else a random one made at start,
 * with a warning. There is no built-in default, so no key anyone could read in the sources.
 */
final class DevSecrets {
    private static final Logger LOG = LoggerFactory.getLogger(DevSecrets.class);
    private static final int RANDOM_BYTES = 32;

    private DevSecrets() {
    }

    /**
     * The UTF-8 bytes of environment variable {@code variable}; when it is not set (or empty),
     * {@value #RANDOM_BYTES} random bytes (SecureRandom) and a WARN that what it signs
     * ({@code what}) will not survive a restart. Call it once per process and keep the result.
     */
    static byte[] fromEnvironment(String variable, String what) {
        String value = System.getenv(variable);
        if (value != null && !value.isEmpty()) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
        byte[] key = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(key);
        LOG.warn("{} is not set: using a random key made at start, so {} will not survive a restart "
            + "(nor be shared between instances). Set it to at least 32 random bytes, e.g. {}=$(openssl rand -base64 48)",
            variable, what, variable);
        return key;
    }
}
