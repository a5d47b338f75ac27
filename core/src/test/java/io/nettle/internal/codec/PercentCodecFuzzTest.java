package io.nettle.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nettle.internal.Fuzzing;
import java.nio.charset.StandardCharsets;

/** Percent-decoding of any text (as Netty hands request bytes over, ISO-8859-1). */
class PercentCodecFuzzTest {

    /**
     * Decoding either returns or throws {@link PercentCodec.MalformedException}, in paths and in
     * queries; what it returns encodes and decodes back to itself.
     */
    @FuzzTest(maxDuration = Fuzzing.DURATION)
    void decodesOrRefuses(byte[] input) throws PercentCodec.MalformedException {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        for (boolean plusAsSpace : new boolean[] {false, true}) {
            String decoded;
            try {
                decoded = PercentCodec.decode(text, 0, text.length(), plusAsSpace);
            } catch (PercentCodec.MalformedException refused) {
                continue;
            }
            String encoded = plusAsSpace ? PercentCodec.encodeFormComponent(decoded) : PercentCodec.encodePathSegment(decoded);
            assertThat(PercentCodec.decode(encoded, 0, encoded.length(), plusAsSpace)).isEqualTo(decoded);
        }
    }
}
