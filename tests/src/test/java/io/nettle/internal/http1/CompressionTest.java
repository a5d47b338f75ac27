package io.nettle.internal.http1;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.Compression;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.internal.codec.ResponseCompression;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.Wire;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

/** Response compression negotiated by {@code Accept-Encoding}, on every wire. */
@OnEveryProtocol
class CompressionTest {
    private static final String TEXT = "Nettle compresses what is worth compressing. ".repeat(100);
    private final Wire wire;

    CompressionTest(Wire wire) {
        this.wire = wire;
    }

    private static App app(Compression compression) {
        return App.builder()
            .settings(ServerSettings.builder().compression(compression).build())
            .route(Route.get("/text", Endpoint.sync(r -> Response.text(TEXT))))
            .route(Route.get("/small", Endpoint.sync(r -> Response.text("tiny"))))
            .route(Route.get("/png", Endpoint.sync(r -> Response.bytes(TEXT.getBytes(StandardCharsets.UTF_8), "image/png"))))
            .route(Route.get("/encoded", Endpoint.sync(r -> Response.text(TEXT).withHeader("Content-Encoding", "identity"))))
            .route(Route.get("/secret", Endpoint.sync(r -> Response.text(TEXT).withoutCompression())))
            .route(Route.get("/off", Compression.off(Endpoint.sync(r -> Response.text(TEXT)))))
            .build();
    }

    private TestResponse get(App app, String path, String acceptEncoding) {
        try (TestClient client = TestClient.of(app, wire)) {
            return client.get(path, acceptEncoding == null ? Map.of() : Map.of("Accept-Encoding", acceptEncoding));
        }
    }

    private static String inflate(TestResponse response) throws IOException {
        String encoding = response.header("Content-Encoding").orElseThrow();
        try (InputStream in = encoding.equals("gzip") ? new GZIPInputStream(new ByteArrayInputStream(response.bytes()))
            : new InflaterInputStream(new ByteArrayInputStream(response.bytes()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aTextBodyIsGzippedForAClientThatAcceptsIt() throws IOException {
        TestResponse response = get(app(Compression.defaults()), "/text", "gzip, deflate");
        assertThat(response).hasStatus(200).hasHeader("Content-Encoding", "gzip").hasHeader("Vary", "Accept-Encoding");
        assertThat(response.bytes().length).isLessThan(TEXT.length() / 5);
        assertThat(inflate(response)).isEqualTo(TEXT);
        assertThat(response.header("Content-Length")).hasValue(Integer.toString(response.bytes().length));
    }

    @Test
    void qValuesChooseTheEncoding() throws IOException {
        TestResponse deflated = get(app(Compression.defaults()), "/text", "gzip;q=0.4, deflate;q=0.9");
        assertThat(deflated).hasHeader("Content-Encoding", "deflate");
        assertThat(inflate(deflated)).isEqualTo(TEXT);
        TestResponse refused = get(app(Compression.defaults()), "/text", "gzip;q=0, *;q=0");
        assertThat(refused).hasNoHeader("Content-Encoding").hasHeader("Vary", "Accept-Encoding").hasBody(TEXT);
    }

    @Test
    void smallBodiesOtherTypesAndEncodedBodiesAreLeftAlone() {
        App app = app(Compression.defaults());
        assertThat(get(app, "/small", "gzip")).hasNoHeader("Content-Encoding").hasHeader("Vary", "Accept-Encoding").hasBody("tiny");
        assertThat(get(app, "/png", "gzip")).hasNoHeader("Content-Encoding").hasNoHeader("Vary");
        assertThat(get(app, "/encoded", "gzip")).hasHeader("Content-Encoding", "identity").hasBody(TEXT);
        assertThat(get(app, "/text", null)).hasNoHeader("Content-Encoding").hasBody(TEXT);
    }

    @Test
    void aResponseOrARouteCanTurnCompressionOff() {
        App app = app(Compression.defaults());
        assertThat(get(app, "/secret", "gzip")).hasNoHeader("Content-Encoding").hasBody(TEXT);
        assertThat(get(app, "/off", "gzip")).hasNoHeader("Content-Encoding").hasBody(TEXT);
    }

    @Test
    void compressionIsOffByDefault() {
        assertThat(get(app(null), "/text", "gzip")).hasNoHeader("Content-Encoding").hasNoHeader("Vary").hasBody(TEXT);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private TestResponse post(boolean decompress, byte[] body, String contentEncoding) {
        App app = App.builder()
            .settings(ServerSettings.builder().decompressRequests(decompress).maxBodySize(1024 * 1024).build())
            .route(Route.post("/echo", r -> r.text().thenApply(text -> Response.text("got " + text.length() + ": "
                + text.substring(0, Math.min(20, text.length()))))))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            return client.request("POST", "/echo").header("Content-Encoding", contentEncoding)
                .body(io.nettle.testkit.Body.bytes(body, "text/plain; charset=utf-8")).send();
        }
    }

    @Test
    void compressedRequestBodiesAreInflatedWhenAskedFor() throws IOException {
        byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);
        assertThat(post(true, gzip(text), "gzip")).hasStatus(200).hasBody("got " + text.length + ": " + TEXT.substring(0, 20));
        assertThat(post(false, gzip(text), "gzip").text()).as("off: given as sent").doesNotStartWith("got " + text.length);
    }

    @Test
    void aZipBombIs413AndBadDataOrEncodings400And415() throws IOException {
        assertThat(post(true, gzip(new byte[50 * 1024 * 1024]), "gzip")).hasStatus(413).hasBodyContaining("once decompressed");
        assertThat(post(true, "not gzip".getBytes(StandardCharsets.UTF_8), "gzip")).hasStatus(400).hasBody("Malformed gzip request body");
        assertThat(post(true, "x".getBytes(StandardCharsets.UTF_8), "br")).hasStatus(415);
    }

    @Test
    void negotiationFollowsRfc9110() {
        assertThat(ResponseCompression.negotiate("gzip")).isEqualTo("gzip");
        assertThat(ResponseCompression.negotiate("x-gzip")).isEqualTo("gzip");
        assertThat(ResponseCompression.negotiate("*")).as("the server's first choice").isEqualTo(ResponseCompression.codings().get(0));
        assertThat(ResponseCompression.negotiate("deflate")).isEqualTo("deflate");
        assertThat(ResponseCompression.negotiate("compress, exi")).as("codings this server does not have").isNull();
        assertThat(ResponseCompression.negotiate("gzip;q=0")).isNull();
        assertThat(ResponseCompression.negotiate("gzip;q=nonsense, deflate;q=0.1")).isEqualTo("deflate");
        assertThat(ResponseCompression.negotiate("identity")).isNull();
        assertThat(ResponseCompression.negotiate("")).isNull();
        assertThat(ResponseCompression.negotiate(null)).isNull();
    }
}
