package io.nettle.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.http.HttpException;
import io.nettle.http.Params;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParamsParserTest {

    @Test
    void parsesMultiValuedDecodedPairsInOrder() {
        Params params = ParamsParser.parse("b=2&a=1&b=3&c=x+y%21", "query string");
        assertThat(params.names()).containsExactly("b", "a", "c");
        assertThat(params.getAll("b")).containsExactly("2", "3");
        assertThat(params.get("c")).contains("x y!");
    }

    @Test
    void aPairWithoutEqualsHasAnEmptyValueAndEmptyPairsAreSkipped() {
        Params params = ParamsParser.parse("&flag&&x=&=v&", "query string");
        assertThat(params.asMap()).containsExactly(
            java.util.Map.entry("flag", List.of("")), java.util.Map.entry("x", List.of("")), java.util.Map.entry("", List.of("v")));
    }

    @Test
    void onlyTheFirstEqualsSplitsNameAndValue() {
        assertThat(ParamsParser.parse("eq=a=b", "form body").get("eq")).contains("a=b");
    }

    @Test
    void anEmptyStringHasNoParameters() {
        assertThat(ParamsParser.parse("", "query string").isEmpty()).isTrue();
    }

    @Test
    void aMalformedEscapeIsA400NamingWhatWasParsed() {
        assertThatThrownBy(() -> ParamsParser.parse("a=%zz", "form body"))
            .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(400))
            .hasMessageContaining("Malformed form body");
        assertThatThrownBy(() -> ParamsParser.parse("%zz=1", "query string")).hasMessageContaining("Malformed query string");
    }

    @Test
    void tooManyPairsIsA400() {
        String many = "a=1&".repeat(ParamsParser.MAX_PAIRS + 1);
        assertThatThrownBy(() -> ParamsParser.parse(many, "query string"))
            .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(400))
            .hasMessageContaining("Too many parameters");
        assertThat(ParamsParser.parse("a=1&".repeat(ParamsParser.MAX_PAIRS), "query string").getAll("a"))
            .hasSize(ParamsParser.MAX_PAIRS);
    }
}
