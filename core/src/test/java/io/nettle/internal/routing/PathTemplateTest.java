package io.nettle.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

    @Test
    void parsesLiteralAndParameterSegments() {
        PathTemplate t = PathTemplate.parse("/users/{id:int}/files/{rest:path}");
        assertThat(t.segments()).extracting(PathTemplate.Segment::literal).containsExactly("users", null, "files", null);
        assertThat(t.segments()).extracting(PathTemplate.Segment::converter)
            .containsExactly(null, Converter.INT, null, Converter.PATH);
        assertThat(t.paramNames()).containsExactly("id", "rest");
    }

    @Test
    void aParameterWithoutConverterIsStr() {
        assertThat(PathTemplate.parse("/{name}").segments().get(0).converter()).isEqualTo(Converter.STR);
    }

    @Test
    void theRootAndATrailingSlashAreKept() {
        assertThat(PathTemplate.parse("/").segments()).isEmpty();
        assertThat(PathTemplate.parse("/docs/").segments()).extracting(PathTemplate.Segment::literal).containsExactly("docs", "");
    }

    @Test
    void underAMountPrefixesTheTemplate() {
        assertThat(PathTemplate.parse("/{id:int}").under("/api/users").template()).isEqualTo("/api/users/{id:int}");
    }

    @Test
    void malformedTemplatesAreRefusedWithTheirText() {
        assertThatThrownBy(() -> PathTemplate.parse("x")).hasMessage("Invalid path template 'x': it must start with '/'");
        assertThatThrownBy(() -> PathTemplate.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.parse("/a}")).hasMessageContaining("exactly one {parameter}");
        assertThatThrownBy(() -> PathTemplate.parse("/{a:}")).hasMessageContaining("unknown converter ''");
        assertThatThrownBy(() -> PathTemplate.parse("/{a-b}")).hasMessageContaining("invalid parameter name 'a-b'");
    }

    @Test
    void expandFillsInConvertsAndEncodes() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertThat(PathTemplate.parse("/o/{id:uuid}/{n:int}/{x:float}/{s}").expand("r", Map.of("id", id, "n", 5L, "x", 0.5, "s", "a b")))
            .isEqualTo("/o/123e4567-e89b-12d3-a456-426614174000/5/0.5/a%20b");
        assertThat(PathTemplate.parse("/").expand("root", Map.of())).isEqualTo("/");
        assertThat(PathTemplate.parse("/f/{p:path}").expand("f", Map.of("p", "a/b c/"))).isEqualTo("/f/a/b%20c/");
    }

    @Test
    void expandRefusesValuesThatWouldNotRouteBack() {
        PathTemplate t = PathTemplate.parse("/n/{n:int}/{s}");
        assertThatThrownBy(() -> t.expand("r", Map.of("n", -1, "s", "x"))).hasMessageContaining("does not fit {n:int}");
        assertThatThrownBy(() -> t.expand("r", Map.of("n", 1, "s", ""))).hasMessageContaining("does not fit {s:str}");
        assertThatThrownBy(() -> PathTemplate.parse("/{x:float}").expand("r", Map.of("x", Double.NaN)))
            .hasMessageContaining("does not fit");
    }
}
