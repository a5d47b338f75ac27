package io.nettle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link PasswordHasher}: PHC strings of Argon2id and PBKDF2-SHA256, verification whatever the
 * hasher, needs-rehash, the dummy verification of unknown users and the refusal of malformed
 * strings. Cheap parameters keep most tests fast; one round trip per algorithm uses the defaults.
 */
class PasswordHasherTest {
    private static final PasswordHasher ARGON2 = PasswordHasher.argon2id(1024, 1, 1);
    private static final PasswordHasher PBKDF2 = PasswordHasher.pbkdf2(1000);
    /** argon2-cffi's documented example hash of "correct horse battery staple" (m=65536, t=3, p=4): another implementation's output. */
    private static final String ARGON2_CFFI =
        "$argon2id$v=19$m=65536,t=3,p=4$MIIRqgvgQbgj220jfp0MPA$YfwJSVjtjSU0zzV/P3S9nnQ/USre2wvJMjfCIjrTQbg";

    @Test
    void argon2idDefaultsAreOwaspsAndRoundTrip() {
        PasswordHasher hasher = PasswordHasher.argon2id();
        String phc = hasher.hash("secret".toCharArray());
        assertThat(phc).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify("secret".toCharArray(), phc)).isTrue();
        assertThat(hasher.verify("Secret".toCharArray(), phc)).isFalse();
        assertThat(hasher.needsRehash(phc)).isFalse();
        assertThat(hasher).hasToString("$argon2id$v=19$m=19456,t=2,p=1");
    }

    @Test
    void pbkdf2DefaultsAreOwaspsAndRoundTrip() {
        PasswordHasher hasher = PasswordHasher.pbkdf2();
        String phc = hasher.hash("secret".toCharArray());
        assertThat(phc).matches("\\$pbkdf2-sha256\\$i=600000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify("secret".toCharArray(), phc)).isTrue();
        assertThat(hasher.verify("wrong".toCharArray(), phc)).isFalse();
        assertThat(hasher.needsRehash(phc)).isFalse();
    }

    @Test
    void verifiesAnotherImplementationsArgon2idHash() {
        assertThat(ARGON2.verify("correct horse battery staple".toCharArray(), ARGON2_CFFI)).isTrue();
        assertThat(ARGON2.verify("correct horse battery stapler".toCharArray(), ARGON2_CFFI)).isFalse();
    }

    @Test
    void pbkdf2MatchesTheJdkIndependentComputation() throws Exception {
        // Python: hashlib.pbkdf2_hmac('sha256', b'secret', b64decode('CfBJWjbVg7NctxcluF3qRg=='), 600000)
        String phc = "$pbkdf2-sha256$i=600000$CfBJWjbVg7NctxcluF3qRg$LCAXSpAez8hiLzxHCfEPz4b/z1EzbHm1AqPLM0Iq8ck";
        assertThat(PBKDF2.verify("secret".toCharArray(), phc)).isTrue();
    }

    @Test
    void eachHashHasItsOwnSalt() {
        String first = ARGON2.hash("secret".toCharArray());
        String second = ARGON2.hash("secret".toCharArray());
        assertThat(first).isNotEqualTo(second);
        assertThat(ARGON2.verify("secret".toCharArray(), first)).isTrue();
        assertThat(ARGON2.verify("secret".toCharArray(), second)).isTrue();
    }

    @Test
    void anyHasherVerifiesEitherAlgorithm() {
        String argon = ARGON2.hash("pässwörd ✓".toCharArray());
        String pbkdf = PBKDF2.hash("pässwörd ✓".toCharArray());
        assertThat(PBKDF2.verify("pässwörd ✓".toCharArray(), argon)).isTrue();
        assertThat(ARGON2.verify("pässwörd ✓".toCharArray(), pbkdf)).isTrue();
        assertThat(PBKDF2.verify("passwörd ✓".toCharArray(), argon)).isFalse();
        assertThat(ARGON2.verify("".toCharArray(), pbkdf)).isFalse();
    }

    @Test
    void needsRehashWhenTheAlgorithmOrAParameterDiffers() {
        String argon = ARGON2.hash("secret".toCharArray());
        String pbkdf = PBKDF2.hash("secret".toCharArray());
        assertThat(ARGON2.needsRehash(argon)).isFalse();
        assertThat(ARGON2.needsRehash(pbkdf)).isTrue();
        assertThat(PBKDF2.needsRehash(argon)).isTrue();
        assertThat(PasswordHasher.argon2id(2048, 1, 1).needsRehash(argon)).isTrue();
        assertThat(PasswordHasher.argon2id(1024, 2, 1).needsRehash(argon)).isTrue();
        assertThat(PasswordHasher.argon2id(1024, 1, 2).needsRehash(argon)).isTrue();
        assertThat(PasswordHasher.pbkdf2(2000).needsRehash(pbkdf)).isTrue();
        assertThat(PasswordHasher.argon2id().needsRehash(ARGON2_CFFI)).isTrue();
        // A shorter hash than this hasher makes is rehashed too.
        String[] parts = pbkdf.split("\\$");
        String shortHash = "$pbkdf2-sha256$i=1000$" + parts[3] + "$" + Base64.getEncoder().withoutPadding().encodeToString(new byte[16]);
        assertThat(PBKDF2.needsRehash(shortHash)).isTrue();
    }

    @Test
    void anUnknownUserIsVerifiedAgainstADummyAndNeverMatches() {
        assertThat(ARGON2.verifyUnknown("secret".toCharArray())).isFalse();
        assertThat(ARGON2.verifyUnknown("".toCharArray())).isFalse();
        assertThat(PBKDF2.verifyUnknown("secret".toCharArray())).isFalse();
    }

    @Test
    void malformedStringsAreRefusedWithAClearMessage() {
        String good = PBKDF2.hash("secret".toCharArray());
        String salt = good.split("\\$")[3];
        String hash = good.split("\\$")[4];
        List<String> malformed = List.of(
            "",
            "secret",
            "$",
            "$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234",        // bcrypt: not supported
            "$argon2i$v=19$m=1024,t=1,p=1$" + salt + "$" + hash,                   // argon2i: not supported
            "$argon2id$v=16$m=1024,t=1,p=1$" + salt + "$" + hash,                  // old version
            "$argon2id$m=1024,t=1,p=1$" + salt + "$" + hash,                       // no version
            "$argon2id$v=19$m=1024,t=1$" + salt + "$" + hash,                      // a parameter missing
            "$argon2id$v=19$t=1,m=1024,p=1$" + salt + "$" + hash,                  // out of order
            "$argon2id$v=19$m=1024,t=0,p=1$" + salt + "$" + hash,                  // t < 1
            "$argon2id$v=19$m=4,t=1,p=1$" + salt + "$" + hash,                     // m < 8p
            "$argon2id$v=19$m=01024,t=1,p=1$" + salt + "$" + hash,                 // leading zero
            "$argon2id$v=19$m=99999999999,t=1,p=1$" + salt + "$" + hash,           // too large
            "$argon2id$v=19$m=1024,t=1,p=1$" + salt,                               // no hash
            "$pbkdf2-sha256$i=1000$" + salt + "$" + hash + "$",                    // trailing field
            "$pbkdf2-sha256$i=-1$" + salt + "$" + hash,
            "$pbkdf2-sha256$i=0$" + salt + "$" + hash,
            "$pbkdf2-sha256$rounds=1000$" + salt + "$" + hash,
            "$pbkdf2-sha256$i=1000$" + salt + "==$" + hash,                        // padded
            "$pbkdf2-sha256$i=1000$" + salt.replace('+', '-').replace('/', '_') + "x-_$" + hash, // URL-safe alphabet
            "$pbkdf2-sha256$i=1000$$" + hash,                                      // empty salt
            "$pbkdf2-sha256$i=1000$AAAA$" + hash,                                  // 3-byte salt
            "$pbkdf2-sha256$i=1000$" + salt + "$AAAA",                             // 3-byte hash
            " " + good,
            good + "\n");
        for (String phc : malformed) {
            assertThatThrownBy(() -> PBKDF2.verify("secret".toCharArray(), phc)).as(phc)
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Malformed password hash: ");
            assertThatThrownBy(() -> ARGON2.needsRehash(phc)).as(phc).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> PBKDF2.verify("secret".toCharArray(), null)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("Malformed password hash: ");
    }

    @Test
    void parametersOutOfRangeAreRefusedWhenTheHasherIsMade() {
        assertThatThrownBy(() -> PasswordHasher.argon2id(4, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordHasher.argon2id(1024, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordHasher.argon2id(1024, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordHasher.pbkdf2(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBurstOfLoginsFitsASmallHeapBecauseArgon2RunsOnePerProcessorAtATime() throws Exception {
        // 32 verifications at once would need 32 x 19 MiB if all ran together: far beyond 64 MiB.
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
            "-cp", System.getProperty("java.class.path"), "io.nettle.testing.ConcurrentLogins", "32")
            .redirectErrorStream(true)
            .start();
        String output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("every login verified, none out of memory: " + output).isZero();
    }
}
