package io.nettle.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AllowedHosts}: the patterns and how a {@code Host} header is matched against them. */
class AllowedHostsTest {

    private static AllowedHosts of(String... patterns) {
        return AllowedHosts.of(List.of(patterns));
    }

    @Test
    void exactNamesMatchWithoutRegardToCasePortOrATrailingDot() {
        AllowedHosts hosts = of("app.example", "127.0.0.1", "[::1]");
        assertThat(List.of("app.example", "APP.Example:8443", "app.example.", "127.0.0.1:8000", "[::1]:80", "[::1]"))
            .allSatisfy(host -> assertThat(hosts.allows(host)).as(host).isTrue());
        assertThat(List.of("evil.example", "sub.app.example", "app.example.evil", "127.0.0.2"))
            .allSatisfy(host -> assertThat(hosts.allows(host)).as(host).isFalse());
    }

    @Test
    void aWildcardMatchesSubdomainsOnly() {
        AllowedHosts hosts = of("*.app.example");
        assertThat(hosts.allows("a.app.example")).isTrue();
        assertThat(hosts.allows("a.b.app.example:443")).isTrue();
        assertThat(hosts.allows("app.example")).isFalse();
        assertThat(hosts.allows("evilapp.example")).isFalse();
    }

    @Test
    void aStarAllowsAnyHostEvenNone() {
        assertThat(of("*").allowsAny()).isTrue();
        assertThat(of("app.example", "*").allows(null)).isTrue();
    }

    @Test
    void aMissingOrMalformedHostIsNotAllowed() {
        AllowedHosts hosts = of("app.example");
        assertThat(hosts.allowsAny()).isFalse();
        assertThat(hosts.allows(null)).isFalse();
        assertThat(List.of("", "app.example:", "app.example:x", "app.example:99999", "app.example/x", "app.example@evil", "[app.example]",
            ":80", "app example")).allSatisfy(host -> assertThat(hosts.allows(host)).as(host).isFalse());
    }

    @Test
    void patternsOfAnotherFormAreRefusedWithTheFix() {
        assertThatThrownBy(() -> of()).hasMessageContaining("at least one host");
        assertThat(List.of("app.example:8443", "*example.com", "a.*.example", "https://app.example", "", "a..b", "*."))
            .allSatisfy(pattern -> assertThatThrownBy(() -> of(pattern)).as(pattern).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an allowed host").hasMessageContaining("without a port"));
    }
}
