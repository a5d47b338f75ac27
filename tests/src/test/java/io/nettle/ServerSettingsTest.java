package io.nettle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/** The settings for running behind a proxy: defaults, and values refused when set. */
class ServerSettingsTest {

    @Test
    void noProxyIsTrustedAndAnyHostAllowedByDefault() {
        assertThat(ServerSettings.defaults().trustedProxies()).isEmpty();
        assertThat(ServerSettings.defaults().allowedHosts()).containsExactly("*");
    }

    @Test
    void trustedProxiesAndAllowedHostsAreKeptAsGivenAndCopiedByToBuilder() {
        ServerSettings settings = ServerSettings.builder().trustedProxies("10.0.0.0/8", "::1", "fd00::/8")
            .allowedHosts("app.example", "*.app.example").build();
        assertThat(settings.trustedProxies()).containsExactly("10.0.0.0/8", "::1", "fd00::/8");
        assertThat(settings.allowedHosts()).containsExactly("app.example", "*.app.example");
        assertThat(settings.toBuilder().maxConnections(5).build().trustedProxies()).containsExactly("10.0.0.0/8", "::1", "fd00::/8");
        assertThat(settings.toBuilder().trustedProxies().build().trustedProxies()).as("none").isEmpty();
    }

    @Test
    void whatIsNotAnAddressOrRangeIsRefusedAtOnceWithoutALookup() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServerSettings.builder().trustedProxies("proxy.internal"))
            .withMessageContaining("'proxy.internal' is not an IP address or CIDR range").withMessageContaining("names are not resolved");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerSettings.builder().trustedProxies("10.0.0.0/8", "10.1.2.3/16"))
            .withMessageContaining("did you mean 10.1.0.0/16?");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerSettings.builder().trustedProxies("::1/129"))
            .withMessageContaining("0..128");
    }

    @Test
    void allowedHostsAreNamesWithoutPort() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServerSettings.builder().allowedHosts("app.example:8443"))
            .withMessageContaining("'app.example:8443' is not an allowed host").withMessageContaining("without a port");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerSettings.builder().allowedHosts())
            .withMessageContaining("at least one host");
    }
}
