package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.ServerSettings;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files example: a directory under {@code /static/} with everything {@code StaticFiles} does. */
class FilesExampleTest {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";

    @TempDir
    Path parent;
    private Path root;
    private TestClient client;

    @BeforeEach
    void serve() throws IOException {
        root = Files.createDirectories(parent.resolve("site"));
        Files.writeString(root.resolve("index.html"), "<h1>site</h1>");
        Files.writeString(root.resolve("alphabet.txt"), ALPHABET);
        Files.writeString(root.resolve("app.js"), "console.log('app');");
        Files.write(root.resolve("app.js.gz"), gzip("console.log('app');"));
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/index.html"), "<p>docs</p>");
        Files.writeString(root.resolve(".env"), "SECRET=1");
        Files.writeString(parent.resolve("secret.txt"), "TOP SECRET");
        client = TestClient.of(FilesExample.app(ServerSettings.defaults(), FilesExample.directory(Optional.of(root))));
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void thePageSaysWhatIsServedWithoutSayingWhere() {
        assertThat(client.get("/")).hasStatus(200).hasContentType("text/html")
            .hasBodyContaining("Serving the directory site under <a href=\"static/\">");
        assertThat(client.get("/").text()).doesNotContain(parent.toString());
    }

    @Test
    void filesComeWithAnETagAndA304WhileUnchanged() {
        TestResponse first = client.get("/static/alphabet.txt");
        assertThat(first).hasStatus(200).hasBody(ALPHABET).hasContentType("text/plain; charset=utf-8")
            .hasHeader("Cache-Control", "no-cache").hasHeader("Accept-Ranges", "bytes");
        String etag = first.header("ETag").orElseThrow();
        assertThat(client.get("/static/alphabet.txt", Map.of("If-None-Match", etag))).hasStatus(304).hasEmptyBody();
        assertThat(client.get("/static/alphabet.txt", Map.of("If-None-Match", "\"stale\""))).hasStatus(200).hasBody(ALPHABET);
    }

    @Test
    void aRangeIsPartialContent() {
        assertThat(client.get("/static/alphabet.txt", Map.of("Range", "bytes=0-4"))).hasStatus(206).hasBody("abcde")
            .hasHeader("Content-Range", "bytes 0-4/26");
        assertThat(client.get("/static/alphabet.txt", Map.of("Range", "bytes=-3"))).hasStatus(206).hasBody("xyz");
        assertThat(client.get("/static/alphabet.txt", Map.of("Range", "bytes=99-"))).hasStatus(416);
    }

    @Test
    void aDirectoryServesItsIndex() {
        assertThat(client.get("/static/")).hasStatus(200).hasBody("<h1>site</h1>").hasContentType("text/html");
        assertThat(client.get("/static/docs/")).hasStatus(200).hasBody("<p>docs</p>");
        assertThat(client.get("/static/docs")).redirectsTo(307, "/static/docs/");
    }

    @Test
    void aClientThatAcceptsGzipGetsThePrecompressedSibling() throws IOException {
        assertThat(client.get("/static/app.js", Map.of("Accept-Encoding", "gzip"))).hasStatus(200)
            .hasHeader("Content-Encoding", "gzip").hasHeader("Vary", "Accept-Encoding");
        assertThat(client.get("/static/app.js", Map.of("Accept-Encoding", "gzip")).bytes()).isEqualTo(gzip("console.log('app');"));
        assertThat(client.get("/static/app.js")).hasStatus(200).hasBody("console.log('app');").hasNoHeader("Content-Encoding");
    }

    @Test
    void nothingOutsideTheDirectoryAndNoDotFiles() {
        for (String attempt : List.of("/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/..%2fsecret.txt",
            "/static/docs/..%2f..%2fsecret.txt", "/static/a%5c..%5c..%5csecret.txt", "/static/.env", "/static/%2eenv")) {
            TestResponse response = client.get(attempt);
            assertThat(response.status()).as(attempt).isIn(400, 404);
            assertThat(response.text()).as(attempt).doesNotContain("SECRET");
        }
        assertThat(client.get("/static/missing.txt")).hasStatus(404);
    }

    @Test
    void withoutADirectoryItNamesTheFlag() throws IOException {
        assertThatThrownBy(() -> FilesExample.directory(Optional.empty()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--dir DIR");
        assertThatThrownBy(() -> FilesExample.directory(Arguments.parse(new String[] {"files", "--dir", root.resolve("alphabet.txt").toString()}).dir()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--dir").hasMessageContaining("not a directory");
        assertThat(FilesExample.directory(Arguments.parse(new String[] {"files", "--dir", root.toString(), "--port", "0"}).dir()))
            .isEqualTo(root.toAbsolutePath());
    }

    @Test
    void inTheShowcaseItServesTheClassPathsPublicFiles() {
        try (TestClient showcase = TestClient.of(ShowcaseExample.app(ServerSettings.defaults()))) {
            assertThat(showcase.get("/files/")).hasStatus(200).hasBodyContaining("the class path&#39;s public/");
            assertThat(showcase.get("/files/static/")).hasStatus(200).hasBodyContaining("<link rel=\"stylesheet\" href=\"showcase.css\">");
            TestResponse css = showcase.get("/files/static/showcase.css");
            assertThat(css).hasStatus(200).hasContentType("text/css; charset=utf-8");
            assertThat(showcase.get("/files/static/showcase.css", Map.of("If-None-Match", css.header("ETag").orElseThrow()))).hasStatus(304);
            assertThat(showcase.get("/files/static/showcase.css", Map.of("Range", "bytes=0-1"))).hasStatus(206).hasBody("/*");
        }
    }
}
