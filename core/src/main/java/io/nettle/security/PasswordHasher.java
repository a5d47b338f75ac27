package io.nettle.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing for stored credentials: Argon2id (the default, through Bouncy Castle) or
 * PBKDF2-HMAC-SHA256 (from the JDK alone), written as
 * <a href="https://github.com/P-H-C/phc-string-format/blob/master/phc-sf-spec.md">PHC strings</a>:
 * <pre>
 * $argon2id$v=19$m=19456,t=2,p=1$&lt;salt&gt;$&lt;hash&gt;
 * $pbkdf2-sha256$i=600000$&lt;salt&gt;$&lt;hash&gt;
 * </pre>
 * (salt and hash in standard base64 without padding). Store the string, never the password:
 * <pre>
 * PasswordHasher hasher = PasswordHasher.argon2id();
 * String stored = hasher.hash(password);                 // at sign-up
 * if (hasher.verify(password, stored)) {                 // at login
 *     if (hasher.needsRehash(stored)) { store(hasher.hash(password)); }
 * }
 * </pre>
 * {@link #verify} reads the algorithm and parameters from the string, so any hash of either
 * algorithm verifies on any hasher; {@link #needsRehash} says when a stored hash was made with
 * other settings than this hasher's, so it can be replaced on the next successful login. For an
 * unknown user call {@link #verifyUnknown}: it costs the same as a real verification and is
 * always {@code false}, so the time of a login does not tell whether the account exists.
 *
 * <p>Hashing and verifying are slow on purpose (tens of milliseconds, and Argon2id takes
 * {@code m} KiB of memory each time): never call them on an event loop. At most one Argon2id
 * computation per processor runs at once (others wait their turn), so a burst of logins needs
 * at most that many times {@code m} of heap. In an endpoint use
 * {@code Endpoint.blocking}; in an authentication backend {@code AuthenticationBackend.blocking}
 * or {@code connection.runBlocking}; {@code BasicAuthBackend.Verifier.hashes} does it for you.
 *
 * <p>Argon2id needs {@code org.bouncycastle:bcprov-jdk18on} (module
 * {@code org.bouncycastle.provider}), which {@code nettle-auth} brings; PBKDF2 needs only the JDK.
 * Instances are immutable and thread-safe.
 */
public final class PasswordHasher {
    /** OWASP's Argon2id minimum: 19 MiB of memory, 2 passes, 1 lane. */
    public static final int ARGON2_MEMORY_KIB = 19 * 1024;
    public static final int ARGON2_ITERATIONS = 2;
    public static final int ARGON2_PARALLELISM = 1;
    /** OWASP's PBKDF2-HMAC-SHA256 iteration count. */
    public static final int PBKDF2_ITERATIONS = 600_000;

    static final String ARGON2ID = "argon2id";
    static final String PBKDF2_SHA256 = "pbkdf2-sha256";
    private static final int ARGON2_VERSION = 19;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private final String algorithm;
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    /** A PHC string of this hasher's settings over random bytes: what {@link #verifyUnknown} verifies against. */
    private final Phc dummy;

    private PasswordHasher(String algorithm, int memoryKib, int iterations, int parallelism) {
        this.algorithm = algorithm;
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.dummy = new Phc(algorithm, memoryKib, iterations, parallelism, random(SALT_BYTES), random(HASH_BYTES));
        dummy.check();
    }

    /** Argon2id with OWASP's parameters: m=19456 KiB, t=2, p=1; 16-byte salt, 32-byte hash. */
    public static PasswordHasher argon2id() {
        return argon2id(ARGON2_MEMORY_KIB, ARGON2_ITERATIONS, ARGON2_PARALLELISM);
    }

    /**
     * Argon2id with these parameters (memory in KiB, at least {@code 8 * parallelism}).
     *
     * @throws IllegalArgumentException for parameters out of range
     */
    public static PasswordHasher argon2id(int memoryKib, int iterations, int parallelism) {
        return new PasswordHasher(ARGON2ID, memoryKib, iterations, parallelism);
    }

    /** PBKDF2-HMAC-SHA256 with OWASP's 600,000 iterations; 16-byte salt, 32-byte hash. */
    public static PasswordHasher pbkdf2() {
        return pbkdf2(PBKDF2_ITERATIONS);
    }

    /**
     * PBKDF2-HMAC-SHA256 with {@code iterations} iterations.
     *
     * @throws IllegalArgumentException for a count out of range
     */
    public static PasswordHasher pbkdf2(int iterations) {
        return new PasswordHasher(PBKDF2_SHA256, 0, iterations, 0);
    }

    /** A new PHC string for {@code password}, with a fresh random salt. Slow: not on an event loop. */
    public String hash(char[] password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = random(SALT_BYTES);
        Phc phc = new Phc(algorithm, memoryKib, iterations, parallelism, salt, null);
        return new Phc(algorithm, memoryKib, iterations, parallelism, salt, derive(phc, password, HASH_BYTES)).toString();
    }

    /**
     * Whether {@code password} is the one {@code phc} was made from, whatever its algorithm
     * (Argon2id or PBKDF2-SHA256) and parameters; compared in constant time. Slow: not on an
     * event loop.
     *
     * @throws IllegalArgumentException when {@code phc} is not a PHC string this class reads
     */
    public boolean verify(char[] password, String phc) {
        Objects.requireNonNull(password, "password");
        return matches(password, Phc.parse(phc));
    }

    /**
     * Verifies {@code password} against a hash of this hasher's settings that no password has,
     * and returns {@code false}: for an unknown user, so that the answer takes as long as for a
     * known user with a wrong password.
     */
    public boolean verifyUnknown(char[] password) {
        Objects.requireNonNull(password, "password");
        matches(password, dummy);
        return false;
    }

    /**
     * Whether {@code phc} was made with another algorithm or other parameters than this
     * hasher's (salt and hash lengths included): hash the password again after a successful
     * {@link #verify} and store the new string.
     *
     * @throws IllegalArgumentException when {@code phc} is not a PHC string this class reads
     */
    public boolean needsRehash(String phc) {
        Phc stored = Phc.parse(phc);
        return !stored.algorithm.equals(algorithm) || stored.memoryKib != memoryKib || stored.iterations != iterations
            || stored.parallelism != parallelism || stored.salt.length != SALT_BYTES || stored.hash.length != HASH_BYTES;
    }

    /** The settings of this hasher as the PHC string prefix, e.g. {@code $argon2id$v=19$m=19456,t=2,p=1}. */
    @Override
    public String toString() {
        return dummy.prefix();
    }

    private static boolean matches(char[] password, Phc phc) {
        byte[] computed = derive(phc, password, phc.hash.length);
        return MessageDigest.isEqual(computed, phc.hash);
    }

    private static byte[] derive(Phc phc, char[] password, int length) {
        if (phc.algorithm.equals(ARGON2ID)) {
            byte[] bytes = utf8(password);
            try {
                return Argon2.derive(bytes, phc.salt, phc.memoryKib, phc.iterations, phc.parallelism, length);
            } catch (NoClassDefFoundError missing) {
                throw new IllegalStateException(
                    "Argon2id needs Bouncy Castle (org.bouncycastle:bcprov-jdk18on, module org.bouncycastle.provider) on the path", missing);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
        PBEKeySpec spec = new PBEKeySpec(password, phc.salt, phc.iterations, length * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required of every Java platform", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Bouncy Castle's Argon2, loaded only when an Argon2id hash is used. */
    private static final class Argon2 {
        /**
         * Argon2id computations that may run at once: one per processor. Each holds its memory
         * cost (19 MiB by default) while it runs, and more at once than there are processors would
         * not finish sooner; without this bound a burst of first logins on a worker pool of many
         * threads asked for that many times the memory cost at once (64 at once in a 64 MiB heap:
         * out of memory, and every later login failed with it).
         */
        private static final Semaphore RUNNING = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()), true);

        static byte[] derive(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
            RUNNING.acquireUninterruptibly();
            try {
                return generate(password, salt, memoryKib, iterations, parallelism, length);
            } finally {
                RUNNING.release();
            }
        }

        private static byte[] generate(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
            var generator = new org.bouncycastle.crypto.generators.Argon2BytesGenerator();
            generator.init(new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
                    org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
                .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
            byte[] out = new byte[length];
            generator.generateBytes(password, out);
            return out;
        }
    }

    /** A parsed PHC string (hash {@code null} while hashing). */
    private record Phc(String algorithm, int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
        // Bounds: beyond them a stored string is more likely a mistake (or an attempt to exhaust the server) than a hash.
        static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
        static final int MAX_ARGON2_ITERATIONS = 1 << 16;
        static final int MAX_PARALLELISM = 255;
        static final int MAX_PBKDF2_ITERATIONS = 100_000_000;

        static Phc parse(String phc) {
            if (phc == null) {
                throw invalid("null instead of a PHC string");
            }
            String[] parts = phc.split("\\$", -1);
            if (parts.length < 2 || !parts[0].isEmpty()) {
                throw invalid("it must start with $<algorithm>$");
            }
            Phc parsed;
            if (parts[1].equals(ARGON2ID)) {
                if (parts.length != 6) {
                    throw invalid("an Argon2id hash has the form $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>");
                }
                if (!parts[2].equals("v=" + ARGON2_VERSION)) {
                    throw invalid("only Argon2 version 19 (v=19) is supported, not " + parts[2]);
                }
                String[] params = parts[3].split(",", -1);
                if (params.length != 3) {
                    throw invalid("Argon2id parameters must be m=<KiB>,t=<passes>,p=<lanes>");
                }
                parsed = new Phc(ARGON2ID, number(params[0], "m"), number(params[1], "t"), number(params[2], "p"),
                    base64(parts[4], "salt"), base64(parts[5], "hash"));
            } else if (parts[1].equals(PBKDF2_SHA256)) {
                if (parts.length != 5) {
                    throw invalid("a PBKDF2 hash has the form $pbkdf2-sha256$i=<iterations>$<salt>$<hash>");
                }
                parsed = new Phc(PBKDF2_SHA256, 0, number(parts[2], "i"), 0, base64(parts[3], "salt"), base64(parts[4], "hash"));
            } else {
                throw invalid("unsupported algorithm '" + parts[1] + "' (argon2id or pbkdf2-sha256)");
            }
            parsed.check();
            if (parsed.hash.length < 16 || parsed.hash.length > 64) {
                throw invalid("the hash must be 16 to 64 bytes, not " + parsed.hash.length);
            }
            return parsed;
        }

        /** Checks the parameters and salt. */
        void check() {
            if (algorithm.equals(ARGON2ID)) {
                if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
                    throw invalid("Argon2id parallelism p must be 1 to " + MAX_PARALLELISM + ", not " + parallelism);
                }
                if (iterations < 1 || iterations > MAX_ARGON2_ITERATIONS) {
                    throw invalid("Argon2id passes t must be 1 to " + MAX_ARGON2_ITERATIONS + ", not " + iterations);
                }
                if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
                    throw invalid("Argon2id memory m must be 8*p to " + MAX_MEMORY_KIB + " KiB, not " + memoryKib);
                }
            } else if (iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) {
                throw invalid("PBKDF2 iterations i must be 1 to " + MAX_PBKDF2_ITERATIONS + ", not " + iterations);
            }
            if (salt.length < 8 || salt.length > 64) {
                throw invalid("the salt must be 8 to 64 bytes, not " + salt.length);
            }
        }

        String prefix() {
            return algorithm.equals(ARGON2ID)
                ? "$argon2id$v=" + ARGON2_VERSION + "$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                : "$pbkdf2-sha256$i=" + iterations;
        }

        @Override
        public String toString() {
            return prefix() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
        }

        private static int number(String param, String name) {
            String prefix = name + "=";
            if (!param.startsWith(prefix)) {
                throw invalid("expected " + prefix + "<number>, not '" + param + "'");
            }
            String digits = param.substring(prefix.length());
            // PHC: decimal, no sign, no leading zero.
            if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || (digits.length() > 1 && digits.charAt(0) == '0')) {
                throw invalid("parameter " + name + " must be a decimal number, not '" + digits + "'");
            }
            long value = Long.parseLong(digits);
            if (value > Integer.MAX_VALUE) {
                throw invalid("parameter " + name + " is too large: " + digits);
            }
            return (int) value;
        }

        private static byte[] base64(String text, String what) {
            if (text.isEmpty() || !text.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9') || c == '+' || c == '/') || text.length() % 4 == 1) {
                throw invalid("the " + what + " must be standard base64 without padding");
            }
            try {
                return Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw invalid("the " + what + " must be standard base64 without padding");
            }
        }

        private static IllegalArgumentException invalid(String why) {
            return new IllegalArgumentException("Malformed password hash: " + why);
        }
    }
}
