package io.nettle.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nettle.internal.Fuzzing;
import io.nettle.security.CookieSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Session cookies of any content: their signature, then the JSON they carry. */
class SessionCookieFuzzTest {
    private static final CookieSigner SIGNER = new CookieSigner(List.of(
        "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII),
        "an older key, still accepted....".getBytes(StandardCharsets.US_ASCII)));
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);

    /**
     * Verifying any cookie value and reading any payload return a value or nothing, never an
     * exception; any payload signed verifies back to itself.
     */
    @FuzzTest(maxDuration = Fuzzing.DURATION)
    void decodesOrIgnores(byte[] input) {
        String value = new String(input, StandardCharsets.ISO_8859_1);
        SIGNER.verify("session", value).ifPresent(verified -> SessionPayload.read(verified.payload(), NOW));
        SessionPayload.read(input, NOW).ifPresent(payload -> assertThat(payload.expires()).isAfter(NOW));

        CookieSigner.Verified roundTrip = SIGNER.verify("session", SIGNER.sign("session", input)).orElseThrow();
        assertThat(roundTrip.payload()).isEqualTo(input);
        assertThat(roundTrip.signedByNewestKey()).isTrue();
        assertThat(SIGNER.verify("other", SIGNER.sign("session", input))).isEmpty();
    }
}
