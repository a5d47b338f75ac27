package io.nettle.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.nettle.http.HttpException;
import io.nettle.http.Url;
import io.nettle.internal.Fuzzing;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Forwarding headers of any content from a trusted proxy, and IP address literals of any text. */
class ForwardedFuzzTest {
    private static final List<String> NAMES = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Proto",
        "X-Forwarded-Host", "X-Forwarded-Port");
    private static final TrustedProxies TRUSTED = TrustedProxies.of(List.of("10.0.0.0/8", "2001:db8::/32", "127.0.0.1"));

    /**
     * The input's lines are header values, taken in turn as {@code Forwarded}, {@code X-Forwarded-For},
     * {@code -Proto}, {@code -Host} and {@code -Port}: reading them either gives a client, scheme,
     * host and port a URL can be built from, or throws a 400. Each line is also read as an IP
     * address, which is either none or 4 or 16 bytes.
     */
    @FuzzTest(maxDuration = Fuzzing.DURATION)
    void readsOrRefusesWith400(byte[] input) {
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
        String[] lines = new String(input, StandardCharsets.ISO_8859_1).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            headers.add(NAMES.get(i % NAMES.size()), lines[i]);
            byte[] address = IpRange.parseAddress(lines[i], true);
            assertThat(address == null || address.length == 4 || address.length == 16).isTrue();
        }
        Forwarded forwarded;
        try {
            forwarded = Forwarded.of(new NettyHeadersView(headers), TRUSTED);
        } catch (HttpException refused) {
            assertThat(refused.status()).isEqualTo(400);
            return;
        }
        if (forwarded.client() != null) {
            assertThat(forwarded.client().host()).isNotEmpty();
            assertThat(forwarded.client().port()).isBetween(0, 65535);
        }
        assertThat(forwarded.scheme()).isIn(null, "http", "https");
        assertThat(forwarded.host() == null || HostHeader.isWellFormed(forwarded.host())).isTrue();
        assertThat(forwarded.port() == -1 || forwarded.port() >= 1 && forwarded.port() <= 65535).isTrue();
        Url url = HostHeader.url(forwarded.host(), "https".equals(forwarded.scheme()), forwarded.port(), false,
            "127.0.0.1", 8000, "/", "");
        assertThat(url.port()).isBetween(1, 65535);
    }
}
