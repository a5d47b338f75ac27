package io.nettle.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nettle.internal.Fuzzing;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;

/** Route templates of any content, as an application could declare them. */
class PathTemplateFuzzTest {

    /**
     * Parsing either throws {@link IllegalArgumentException} or gives a template with distinct
     * parameter names that a route trie accepts.
     */
    @FuzzTest(maxDuration = Fuzzing.DURATION)
    void parsesOrRefuses(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        PathTemplate template;
        try {
            template = PathTemplate.parse(text);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertThat(template.template()).isEqualTo(text);
        assertThat(new HashSet<>(template.paramNames())).hasSameSizeAs(template.paramNames());
        assertThat(new RouteTrie().target(template).template()).isSameAs(template);
    }
}
