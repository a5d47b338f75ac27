package io.nettle.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nettle.http.HttpException;
import io.nettle.internal.Fuzzing;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Request paths of any content against routes with every converter. */
class RouteMatchFuzzTest {
    private static final RouteTrie TRIE = new RouteTrie();

    static {
        for (String template : List.of("/", "/users", "/users/{id:int}", "/users/{id:int}/posts/{slug}",
            "/files/{rest:path}", "/prices/{amount:float}", "/things/{id:uuid}", "/a/{x}/b", "/a/{y:int}/c")) {
            TRIE.target(PathTemplate.parse(template));
        }
    }

    /**
     * Splitting and decoding either throws a 400 or gives at most
     * {@link PathSegments#MAX_SEGMENTS} segments, none of them a dot segment; matching them
     * gives a route or none, never an exception (a converter that overflows does not match).
     */
    @FuzzTest(maxDuration = Fuzzing.DURATION)
    void matchesOrRefusesWith400(byte[] input) {
        String rawPath = new String(input, StandardCharsets.ISO_8859_1);
        String[] segments;
        try {
            segments = PathSegments.decode(rawPath);
        } catch (HttpException refused) {
            assertThat(refused.status()).isEqualTo(400);
            return;
        }
        assertThat(segments.length).isLessThanOrEqualTo(PathSegments.MAX_SEGMENTS);
        assertThat(segments).doesNotContain(".", "..");
        RouteTrie.Match match = TRIE.match(segments);
        if (match != null) {
            assertThat(match.params().asMap().keySet()).containsExactlyInAnyOrderElementsOf(match.target().paramNames());
        }
    }
}
