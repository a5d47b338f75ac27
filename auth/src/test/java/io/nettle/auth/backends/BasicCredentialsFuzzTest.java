package io.nettle.auth.backends;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nettle.auth.AuthenticationError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code Authorization} values of any content through the Basic parser. In the normal build
 * this replays the seeds under {@code src/test/resources/io/nettle/auth/backends/}; with
 * {@code -Pfuzz} it fuzzes for the duration below.
 */
class BasicCredentialsFuzzTest {

    /**
     * Parsing either returns (empty for another scheme) or throws {@link AuthenticationError}
     * with {@link BasicAuthBackend#INVALID}; any ASCII {@code user:password} encoded as Basic
     * parses back to itself.
     */
    @FuzzTest(maxDuration = "30s")
    void parsesOrRefuses(byte[] input) {
        String header = new String(input, StandardCharsets.ISO_8859_1);
        try {
            BasicCredentials.parse(header).ifPresent(credentials -> assertThat(credentials.username()).doesNotContain(":"));
        } catch (AuthenticationError refused) {
            assertThat(refused.getMessage()).isEqualTo(BasicAuthBackend.INVALID);
        }

        if (input.length == 0) {
            return;
        }
        byte[] ascii = input.clone();
        for (int i = 0; i < ascii.length; i++) {
            ascii[i] &= 0x7f;
        }
        String userPass = new String(ascii, StandardCharsets.US_ASCII);
        Optional<BasicCredentials> parsed = BasicCredentials.parse("Basic " + Base64.getEncoder().encodeToString(ascii));
        assertThat(parsed).isPresent();
        String rebuilt = parsed.get().username() + (userPass.indexOf(':') >= 0 ? ":" + parsed.get().password() : "");
        assertThat(rebuilt).isEqualTo(userPass);
    }
}
