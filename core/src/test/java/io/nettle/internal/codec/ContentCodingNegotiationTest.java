package io.nettle.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.internal.codec.ResponseCompression.Coding;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code Accept-Encoding} negotiation (RFC 9110 §12.5.3) with every coding, and with some of them unavailable. */
class ContentCodingNegotiationTest {
    private static final List<String> SERVER_ORDER = List.of("br", "zstd", "gzip", "deflate");
    private static final Set<Coding> ALL = EnumSet.allOf(Coding.class);
    private static final Set<Coding> JDK_ONLY = EnumSet.of(Coding.GZIP, Coding.DEFLATE);
    private static final Set<Coding> NO_BROTLI = EnumSet.of(Coding.ZSTD, Coding.GZIP, Coding.DEFLATE);
    private static final Set<Coding> NO_ZSTD = EnumSet.of(Coding.BR, Coding.GZIP, Coding.DEFLATE);

    private static String all(String acceptEncoding) {
        return ResponseCompression.negotiate(acceptEncoding, ALL);
    }

    @Test
    void theHighestQValueWins() {
        assertThat(all("br")).isEqualTo("br");
        assertThat(all("zstd")).isEqualTo("zstd");
        assertThat(all("gzip;q=0.5, br")).isEqualTo("br");
        assertThat(all("br;q=0, gzip")).isEqualTo("gzip");
        assertThat(all("zstd;q=1, br;q=0.9")).isEqualTo("zstd");
        assertThat(all("br;q=0.2, zstd;q=0.3, gzip;q=0.4, deflate;q=0.5")).isEqualTo("deflate");
        assertThat(all("br;q=0.5, br;q=0.9, zstd;q=0.8")).as("a coding named twice: its best").isEqualTo("br");
        assertThat(all("gzip ; Q=0.5 , BR ; q=0.4")).as("case and spaces").isEqualTo("gzip");
    }

    @Test
    void amongEqualsTheServerPrefersBrThenZstdThenGzipThenDeflate() {
        assertThat(all("gzip, deflate, br, zstd")).as("a browser").isEqualTo("br");
        assertThat(all("deflate, gzip, zstd")).isEqualTo("zstd");
        assertThat(all("deflate, gzip")).isEqualTo("gzip");
        assertThat(all("*")).isEqualTo("br");
        assertThat(all("gzip;q=0.8, *;q=0.8")).isEqualTo("br");
    }

    @Test
    void starCoversTheCodingsNotNamedAndQZeroRefuses() {
        assertThat(all("br;q=0, *")).isEqualTo("zstd");
        assertThat(all("br;q=0, zstd;q=0, *;q=0.1")).isEqualTo("gzip");
        assertThat(all("gzip;q=0.5, *;q=0.1")).isEqualTo("gzip");
        assertThat(all("*;q=0")).isNull();
        assertThat(all("br;q=0, zstd;q=0, gzip;q=0, deflate;q=0")).isNull();
        assertThat(all("br;q=nonsense, br;q=2, zstd;q=-1, deflate;q=0.001")).as("malformed q-values are 0").isEqualTo("deflate");
    }

    @Test
    void identityAndUnknownCodings() {
        assertThat(all("identity")).isNull();
        assertThat(all("gzip;q=0.5, identity")).as("the client prefers no coding").isNull();
        assertThat(all("gzip, identity;q=0.5")).isEqualTo("gzip");
        assertThat(all("gzip, identity")).as("a tie: compress").isEqualTo("gzip");
        assertThat(all("x-gzip")).isEqualTo("gzip");
        assertThat(all("compress, lzma")).isNull();
        assertThat(all("")).isNull();
        assertThat(all(" ")).isNull();
        assertThat(all(null)).isNull();
        assertThat(all(",,;q=1")).isNull();
    }

    @Test
    void aCodingThatIsNotAvailableIsNeverChosen() {
        assertThat(ResponseCompression.negotiate("br", JDK_ONLY)).isNull();
        assertThat(ResponseCompression.negotiate("br, zstd", JDK_ONLY)).isNull();
        assertThat(ResponseCompression.negotiate("*", JDK_ONLY)).isEqualTo("gzip");
        assertThat(ResponseCompression.negotiate("gzip, deflate, br, zstd", JDK_ONLY)).isEqualTo("gzip");
        assertThat(ResponseCompression.negotiate("br, gzip;q=0.1", JDK_ONLY)).isEqualTo("gzip");
        assertThat(ResponseCompression.negotiate("zstd;q=1, br;q=0.9, deflate;q=0.5", JDK_ONLY)).isEqualTo("deflate");

        assertThat(ResponseCompression.negotiate("*", NO_BROTLI)).isEqualTo("zstd");
        assertThat(ResponseCompression.negotiate("br, zstd;q=0.5, gzip;q=0.4", NO_BROTLI)).isEqualTo("zstd");
        assertThat(ResponseCompression.negotiate("gzip, deflate, br", NO_BROTLI)).isEqualTo("gzip");

        assertThat(ResponseCompression.negotiate("zstd, br;q=0.5", NO_ZSTD)).isEqualTo("br");
        assertThat(ResponseCompression.negotiate("zstd, gzip;q=0.5, br;q=0.5", NO_ZSTD)).isEqualTo("br");
    }

    @Test
    void theCodingsOfferedEndWithTheJdksInTheServersOrder() {
        assertThat(ResponseCompression.codings()).endsWith("gzip", "deflate")
            .isSubsetOf("br", "zstd", "gzip", "deflate")
            .isSortedAccordingTo(Comparator.comparing(SERVER_ORDER::indexOf));
        assertThat(ResponseCompression.negotiate("*")).isEqualTo(ResponseCompression.codings().get(0));
    }
}
