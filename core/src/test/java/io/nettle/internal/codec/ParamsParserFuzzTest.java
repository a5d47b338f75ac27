package io.nettle.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nettle.http.HttpException;
import io.nettle.http.Params;
import io.nettle.internal.Fuzzing;
import java.nio.charset.StandardCharsets;

/** Query strings and form bodies of any content. */
class ParamsParserFuzzTest {

    /** Parsing either returns at most {@link ParamsParser#MAX_PAIRS} values or throws a 400. */
    @FuzzTest(maxDuration = Fuzzing.DURATION)
    void parsesOrRefusesWith400(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        Params params;
        try {
            params = ParamsParser.parse(text, "query string");
        } catch (HttpException refused) {
            assertThat(refused.status()).isEqualTo(400);
            return;
        }
        int values = params.asMap().values().stream().mapToInt(java.util.List::size).sum();
        assertThat(values).isLessThanOrEqualTo(ParamsParser.MAX_PAIRS);
    }
}
