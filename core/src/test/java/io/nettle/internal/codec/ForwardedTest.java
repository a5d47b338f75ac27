package io.nettle.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.nettle.http.ClientAddress;
import io.nettle.http.HttpException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Forwarded}: what a trusted proxy's headers say, parsed and walked. */
class ForwardedTest {
    private static final TrustedProxies TRUSTED = TrustedProxies.of(List.of("10.0.0.0/8", "2001:db8:ffff::/48"));

    private static Forwarded read(String... nameValuePairs) {
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            headers.add(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return Forwarded.of(new NettyHeadersView(headers), TRUSTED);
    }

    @Test
    void noForwardingHeadersIsNothing() {
        assertThat(read()).isSameAs(Forwarded.NONE);
        assertThat(read("X-Forwarded-For", " , ")).isSameAs(Forwarded.NONE);
    }

    @Test
    void forwardedGivesClientSchemeAndHost() {
        Forwarded f = read("Forwarded", "for=203.0.113.9;proto=https;host=app.example");
        assertThat(f.client()).isEqualTo(new ClientAddress("203.0.113.9", 0));
        assertThat(f.scheme()).isEqualTo("https");
        assertThat(f.host()).isEqualTo("app.example");
        assertThat(f.port()).isEqualTo(-1);
    }

    @Test
    void forwardedValuesMayBeQuotedWithIpv6InBracketsAndPorts() {
        Forwarded f = read("Forwarded", "For=\"[2001:db8:cafe::17]:4711\";Proto=HTTPS;Host=\"app.example:8443\"");
        assertThat(f.client()).isEqualTo(new ClientAddress("2001:db8:cafe::17", 4711));
        assertThat(f.scheme()).isEqualTo("https");
        assertThat(f.host()).isEqualTo("app.example:8443");
        assertThat(read("Forwarded", "for=\"_a\\_b\"").client().host()).as("a quoted pair, unquoted").isEqualTo("_a_b");
    }

    @Test
    void obfuscatedAndUnknownIdentifiersAreTheClientAsWritten() {
        assertThat(read("Forwarded", "for=\"_hidden:_port\", for=10.0.0.2").client()).isEqualTo(new ClientAddress("_hidden", 0));
        assertThat(read("Forwarded", "for=unknown").client()).isEqualTo(new ClientAddress("unknown", 0));
        assertThat(read("Forwarded", "for=\"_x.y-z:8080\"").client()).isEqualTo(new ClientAddress("_x.y-z", 8080));
    }

    @Test
    void theClientIsTheRightMostUntrustedHop() {
        Forwarded f = read("Forwarded", "for=198.51.100.1;host=evil.example;proto=http, for=203.0.113.9;proto=https;host=app.example, "
            + "for=10.0.0.5;proto=http;host=internal, for=\"[2001:db8:ffff::2]\"");
        assertThat(f.client().host()).isEqualTo("203.0.113.9");
        assertThat(f.scheme()).as("that hop's proxy saw https").isEqualTo("https");
        assertThat(f.host()).isEqualTo("app.example");
        assertThat(read("X-Forwarded-For", "198.51.100.1, 203.0.113.9, 10.0.0.5", "X-Forwarded-For", "10.0.0.6").client().host())
            .as("several header lines are one list").isEqualTo("203.0.113.9");
    }

    @Test
    void whenEveryHopIsTrustedTheLeftMostIsTheClient() {
        assertThat(read("X-Forwarded-For", "10.0.0.3, 10.0.0.4").client()).isEqualTo(new ClientAddress("10.0.0.3", 0));
        assertThat(read("Forwarded", "for=10.0.0.3;proto=https, for=10.0.0.4").scheme()).isEqualTo("https");
    }

    @Test
    void anElementWithoutForLeavesThePeerAsTheClient() {
        Forwarded f = read("Forwarded", "proto=https;host=app.example");
        assertThat(f.client()).isNull();
        assertThat(f.scheme()).isEqualTo("https");
    }

    @Test
    void forwardedWinsOverXForwarded() {
        Forwarded f = read("Forwarded", "for=203.0.113.9;proto=http", "X-Forwarded-For", "198.51.100.1",
            "X-Forwarded-Proto", "https", "X-Forwarded-Host", "other.example", "X-Forwarded-Port", "8443");
        assertThat(f).isEqualTo(new Forwarded(f.client(), "http", null, -1));
        assertThat(f.client().host()).isEqualTo("203.0.113.9");
    }

    @Test
    void xForwardedGivesClientSchemeHostAndPort() {
        Forwarded f = read("X-Forwarded-For", "203.0.113.9:5555", "X-Forwarded-Proto", "https",
            "X-Forwarded-Host", "app.example", "X-Forwarded-Port", "8443");
        assertThat(f.client()).isEqualTo(new ClientAddress("203.0.113.9", 5555));
        assertThat(f).extracting(Forwarded::scheme, Forwarded::host, Forwarded::port).containsExactly("https", "app.example", 8443);
        assertThat(read("X-Forwarded-For", "2001:db8::1, [2001:db8::2]:80").client()).isEqualTo(new ClientAddress("2001:db8::2", 80));
        assertThat(read("X-Forwarded-Proto", "https").client()).as("the proto alone").isNull();
    }

    @Test
    void xForwardedListsLineUpWithTheHopsElseTheRightMostCounts() {
        assertThat(read("X-Forwarded-For", "203.0.113.9, 10.0.0.5", "X-Forwarded-Proto", "https, http").scheme())
            .as("one value appended per proxy: the client's").isEqualTo("https");
        assertThat(read("X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https, http").scheme())
            .as("a value the client sent, then the proxy's").isEqualTo("http");
        assertThat(read("X-Forwarded-For", "1.1.1.1, 203.0.113.9", "X-Forwarded-Proto", "https, http").scheme())
            .as("forged on the left, both lists appended to").isEqualTo("http");
    }

    @Test
    void malformedHeadersAreA400NamingTheHeader() {
        List<String[]> malformed = List.of(
            new String[] {"Forwarded", "for=\"unterminated"},
            new String[] {"Forwarded", "for"},
            new String[] {"Forwarded", "for=1.2.3.4;for=5.6.7.8"},
            new String[] {"Forwarded", "for=1.2.3.4 proto=https"},
            new String[] {"Forwarded", "for=[2001:db8::1]"},
            new String[] {"Forwarded", "for=\"[2001:db8::1\""},
            new String[] {"Forwarded", "for=not-an-address"},
            new String[] {"Forwarded", "for=1.2.3.4:99999"},
            new String[] {"Forwarded", "proto=ftp"},
            new String[] {"Forwarded", "host=\"a b\""},
            new String[] {"Forwarded", "host=\"app.example:x\""},
            new String[] {"Forwarded", "for=\"\u0001\""},
            new String[] {"X-Forwarded-For", "evil<script>"},
            new String[] {"X-Forwarded-For", "1.2.3.4:"},
            new String[] {"X-Forwarded-Proto", "javascript"},
            new String[] {"X-Forwarded-Host", "app.example/x"},
            new String[] {"X-Forwarded-Host", "[::1"},
            new String[] {"X-Forwarded-Port", "0"},
            new String[] {"X-Forwarded-Port", "443x"});
        assertThat(malformed).allSatisfy(header -> assertThatThrownBy(() -> read(header))
            .as(header[0] + ": " + header[1])
            .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(400))
            .hasMessageContaining("Malformed " + header[0] + " header"));
    }

    @Test
    void whatLiesLeftOfTheClientIsNeverRead() {
        assertThat(read("X-Forwarded-For", "garbage, 203.0.113.9").client().host()).isEqualTo("203.0.113.9");
        assertThat(read("Forwarded", "for=garbage, for=203.0.113.9").client().host()).isEqualTo("203.0.113.9");
    }
}
