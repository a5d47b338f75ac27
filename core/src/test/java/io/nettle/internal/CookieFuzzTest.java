package io.nettle.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.nettle.http.HttpException;
import io.nettle.http.Request;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** {@code Cookie} headers of any content, read through a {@link Request} as endpoints read them. */
class CookieFuzzTest {

    /**
     * The input's lines are {@code Cookie} headers; reading the cookies either gives names and
     * values or throws a 400.
     */
    @FuzzTest(maxDuration = Fuzzing.DURATION)
    void parsesOrRefusesWith400(byte[] input) {
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
        for (String line : new String(input, StandardCharsets.ISO_8859_1).split("\n", -1)) {
            headers.add("Cookie", line);
        }
        Request request = new ServerRequest(new RequestState(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/", headers),
            null, null, false, null, "127.0.0.1", 8000, null));
        Map<String, String> cookies;
        try {
            cookies = request.cookies();
        } catch (HttpException refused) {
            assertThat(refused.status()).isEqualTo(400);
            return;
        }
        cookies.forEach((name, value) -> {
            assertThat(name).isNotEmpty();
            assertThat(value).isNotNull();
        });
    }
}
