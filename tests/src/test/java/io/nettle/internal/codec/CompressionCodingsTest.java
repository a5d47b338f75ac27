package io.nettle.internal.codec;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import com.github.luben.zstd.Zstd;
import io.nettle.App;
import io.nettle.Compression;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.Wire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Response compression with every coding, brotli and zstd included (their libraries are on this
 * module's test class path), negotiated by {@code Accept-Encoding} over HTTP/1.1 and HTTP/2.
 */
@OnEveryProtocol
class CompressionCodingsTest {
    private static final String TEXT = "Nettle compresses what is worth compressing, with br and zstd too. ".repeat(100);
    private static final byte[] TEXT_BYTES = TEXT.getBytes(StandardCharsets.UTF_8);
    private final Wire wire;

    CompressionCodingsTest(Wire wire) {
        this.wire = wire;
    }

    /**
     * br and zstd must be offered where this build ships their native libraries (linux-x86_64);
     * elsewhere (no brotli native in the test class path) the tests that need them are skipped.
     */
    @BeforeEach
    void theOptionalCodingsLoad() {
        boolean shipped = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")
            && System.getProperty("os.arch").equals("amd64");
        if (shipped) {
            assertThat(ResponseCompression.codings()).as("codings offered on linux-x86_64")
                .containsExactly("br", "zstd", "gzip", "deflate");
        } else {
            assumeTrue(ResponseCompression.codings().containsAll(List.of("br", "zstd")),
                "brotli4j's and zstd-jni's native libraries do not load here");
        }
    }

    private static App app() {
        return App.builder()
            .settings(ServerSettings.builder().compression(Compression.defaults()).build())
            .route(Route.get("/text", Endpoint.sync(r -> Response.text(TEXT))))
            .route(Route.get("/json", Endpoint.sync(r -> Response.bytes(TEXT_BYTES, "application/json"))))
            .route(Route.get("/small", Endpoint.sync(r -> Response.text("tiny"))))
            .route(Route.get("/encoded", Endpoint.sync(r -> Response.bytes(gzip(TEXT_BYTES), "text/plain; charset=utf-8")
                .withHeader("Content-Encoding", "gzip"))))
            .build();
    }

    private TestResponse get(String path, String acceptEncoding) {
        try (TestClient client = TestClient.of(app(), wire)) {
            return client.get(path, Map.of("Accept-Encoding", acceptEncoding));
        }
    }

    /** The response's body decoded as its {@code Content-Encoding} says, with each coding's own library. */
    private static byte[] decode(TestResponse response) throws IOException {
        byte[] body = response.bytes();
        String coding = response.header("Content-Encoding").orElseThrow();
        switch (coding) {
            case "br" -> {
                DirectDecompress result = Decoder.decompress(body);
                assertThat(result.getResultStatus()).isEqualTo(DecoderJNI.Status.DONE);
                return result.getDecompressedData();
            }
            case "zstd" -> {
                assertThat(Zstd.getFrameContentSize(body)).as("zstd frame content size").isEqualTo(TEXT_BYTES.length);
                return Zstd.decompress(body, TEXT_BYTES.length);
            }
            case "gzip", "deflate" -> {
                try (InputStream in = coding.equals("gzip") ? new GZIPInputStream(new ByteArrayInputStream(body))
                    : new InflaterInputStream(new ByteArrayInputStream(body))) {
                    return in.readAllBytes();
                }
            }
            default -> throw new AssertionError("unexpected Content-Encoding " + coding);
        }
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException impossible) {
            throw new AssertionError(impossible);
        }
        return out.toByteArray();
    }

    /** {@code response} is {@link #TEXT} sent with {@code coding}: its headers, a smaller body, and that body decoded. */
    private static void assertEncoded(TestResponse response, String coding) throws IOException {
        assertThat(response).hasStatus(200).hasHeader("Content-Encoding", coding).hasHeader("Vary", "Accept-Encoding");
        assertThat(response.bytes().length).as("compressed size").isLessThan(TEXT_BYTES.length / 5);
        assertThat(decode(response)).as("decoded body").isEqualTo(TEXT_BYTES);
        response.header("Content-Length").ifPresent(length ->
            assertThat(length).as("Content-Length").isEqualTo(Integer.toString(response.bytes().length)));
    }

    @Test
    void brotliForAClientThatAcceptsIt() throws IOException {
        assertEncoded(get("/text", "br"), "br");
    }

    @Test
    void zstdForAClientThatAcceptsIt() throws IOException {
        assertEncoded(get("/text", "zstd"), "zstd");
    }

    @Test
    void aBrowsersHeaderGetsBrotli() throws IOException {
        assertEncoded(get("/text", "gzip, deflate, br, zstd"), "br");
        assertEncoded(get("/json", "gzip, deflate, br, zstd"), "br");
    }

    @Test
    void qValuesChooseTheCoding() throws IOException {
        assertEncoded(get("/text", "gzip;q=0.5, br"), "br");
        assertEncoded(get("/text", "br;q=0, gzip"), "gzip");
        assertEncoded(get("/text", "zstd;q=1, br;q=0.9"), "zstd");
        assertEncoded(get("/text", "br;q=0.1, zstd;q=0.2, deflate;q=0.3"), "deflate");
    }

    @Test
    void starMeansTheServersFavourite() throws IOException {
        assertEncoded(get("/text", "*"), "br");
        assertEncoded(get("/text", "br;q=0, *"), "zstd");
    }

    @Test
    void nothingAcceptableLeavesTheBodyAsItIs() {
        assertThat(get("/text", "br;q=0, zstd;q=0, *;q=0")).hasStatus(200).hasNoHeader("Content-Encoding")
            .hasHeader("Vary", "Accept-Encoding").hasBody(TEXT);
        assertThat(get("/text", "compress")).hasNoHeader("Content-Encoding").hasBody(TEXT);
    }

    @Test
    void aBodyBelowTheMinimumSizeIsNotCompressedButVaries() {
        assertThat(get("/small", "br, zstd")).hasStatus(200).hasNoHeader("Content-Encoding")
            .hasHeader("Vary", "Accept-Encoding").hasBody("tiny");
    }

    @Test
    void aResponseWithItsOwnContentEncodingIsUntouched() throws IOException {
        TestResponse response = get("/encoded", "br, zstd");
        assertThat(response).hasStatus(200).hasHeader("Content-Encoding", "gzip").hasHeader("Vary", "Accept-Encoding");
        assertThat(response.bytes()).as("the app's own gzip bytes").isEqualTo(gzip(TEXT_BYTES));
        assertThat(decode(response)).isEqualTo(TEXT_BYTES);
    }
}
