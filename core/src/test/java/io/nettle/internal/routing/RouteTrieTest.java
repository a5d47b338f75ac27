package io.nettle.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTrieTest {

    private static RouteTrie trie(String... templates) {
        RouteTrie trie = new RouteTrie();
        for (String t : templates) {
            trie.target(PathTemplate.parse(t));
        }
        return trie;
    }

    private static String matched(RouteTrie trie, String path) {
        RouteTrie.Match match = trie.match(PathSegments.decode(path));
        return match == null ? null : match.target().template().template();
    }

    @Test
    void matchesLiteralsParametersAndTheRoot() {
        RouteTrie trie = trie("/", "/users", "/users/{id:int}", "/users/{name}/posts");
        assertThat(matched(trie, "/")).isEqualTo("/");
        assertThat(matched(trie, "/users")).isEqualTo("/users");
        assertThat(matched(trie, "/users/7")).isEqualTo("/users/{id:int}");
        assertThat(matched(trie, "/users/bob/posts")).isEqualTo("/users/{name}/posts");
        assertThat(matched(trie, "/users/bob")).isNull();
        assertThat(matched(trie, "/users/")).isNull();
    }

    @Test
    void convertedValuesAreNamedByTheMatchedTemplate() {
        RouteTrie trie = trie("/a/{x}/b", "/a/{y}/c");
        assertThat(trie.match(PathSegments.decode("/a/1/b")).params().asMap()).isEqualTo(Map.of("x", "1"));
        assertThat(trie.match(PathSegments.decode("/a/1/c")).params().asMap()).isEqualTo(Map.of("y", "1"));
    }

    @Test
    void parametersAreTriedInTheOrderAddedAndPathComesLast() {
        RouteTrie trie = trie("/f/{rest:path}", "/f/{n:int}", "/f/{s}");
        assertThat(matched(trie, "/f/5")).isEqualTo("/f/{n:int}");
        assertThat(matched(trie, "/f/x")).isEqualTo("/f/{s}");
        assertThat(matched(trie, "/f/x/y")).isEqualTo("/f/{rest:path}");
    }

    @Test
    void oneTemplateTextGivesOneTarget() {
        RouteTrie trie = new RouteTrie();
        assertThat(trie.target(PathTemplate.parse("/a/{x}"))).isSameAs(trie.target(PathTemplate.parse("/a/{x}")));
    }

    @Test
    void templatesMatchingTheSamePathsAreRefused() {
        assertThatThrownBy(() -> trie("/a/{x}", "/a/{x:str}")).hasMessageContaining("match the same paths");
        assertThatThrownBy(() -> trie("/a/{x:int}/b", "/a/{y:int}/b")).hasMessageContaining("match the same paths");
    }

    @Test
    void aThousandRoutesAllMatchTheirOwnPaths() {
        RouteTrie trie = new RouteTrie();
        for (int i = 0; i < 1000; i++) {
            trie.target(PathTemplate.parse("/r" + i + (i % 2 == 0 ? "/{id:int}" : "/items/{name}")));
        }
        for (int i = 0; i < 1000; i++) {
            String path = "/r" + i + (i % 2 == 0 ? "/" + i : "/items/n" + i);
            RouteTrie.Match match = trie.match(PathSegments.decode(path));
            assertThat(match).as(path).isNotNull();
            assertThat(match.target().template().template()).startsWith("/r" + i + "/");
            assertThat(match.params().asMap().values()).containsExactly(i % 2 == 0 ? (Object) (long) i : "n" + i);
        }
        assertThat(trie.match(PathSegments.decode("/r1000/1"))).isNull();
        assertThat(trie.match(PathSegments.decode("/r0/x"))).isNull();
        assertThat(trie.targets()).hasSize(1000);
    }
}
