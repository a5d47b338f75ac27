package io.nettle.routing;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.auth.Guard;
import io.nettle.security.AuthCredentials;
import io.nettle.security.SimpleUser;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.Wire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StaticFiles} on every protocol: validators and conditional requests, ranges, content
 * types, index files, precompressed siblings, class path resources, guards, and every way out of
 * the root a client may try.
 */
@OnEveryProtocol
class StaticFilesTest {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";

    private final Wire wire;
    @TempDir
    Path root;
    @TempDir
    Path outside;

    StaticFilesTest(Wire wire) {
        this.wire = wire;
    }

    @BeforeEach
    void files() throws Exception {
        Files.writeString(root.resolve("alphabet.txt"), ALPHABET);
        Files.writeString(root.resolve("app.js"), "console.log('plain');");
        Files.writeString(root.resolve("app.js.gz"), "gzipped bytes");
        Files.writeString(root.resolve("app.js.br"), "brotli bytes");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/index.html"), "<p>docs</p>");
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve(".env"), "SECRET=1");
        Files.writeString(outside.resolve("secret.txt"), "TOP SECRET");
    }

    private TestClient client(StaticFiles files) {
        return TestClient.of(App.builder().route(files.at("/static")).build(), wire);
    }

    @Test
    void aFileComesWithItsTypeLengthAndValidators() {
        try (TestClient client = client(StaticFiles.directory(root).cacheControl("max-age=60"))) {
            TestResponse response = client.get("/static/alphabet.txt");
            assertThat(response).hasStatus(200).hasBody(ALPHABET).hasContentType("text/plain; charset=utf-8")
                .hasHeader("Content-Length", "26").hasHeader("Accept-Ranges", "bytes").hasHeader("Cache-Control", "max-age=60");
            assertThat(response.header("ETag")).hasValueSatisfying(tag -> assertThat(tag).startsWith("\"").endsWith("\""));
            assertThat(response.header("Last-Modified")).isPresent();
            assertThat(client.head("/static/alphabet.txt")).hasStatus(200).hasHeader("Content-Length", "26").hasEmptyBody();
            assertThat(client.get("/static/app.js")).hasContentType("text/javascript; charset=utf-8");
            assertThat(client.get("/static/missing.txt")).hasStatus(404);
        }
    }

    @Test
    void aFileThatChangesIsSentAsItIsNowAndOneThatGoesIsA404AtOnce() throws Exception {
        try (TestClient client = client(StaticFiles.directory(root))) {
            assertThat(client.get("/static/alphabet.txt")).hasBody(ALPHABET);
            Files.writeString(root.resolve("alphabet.txt"), "abc");   // within the second its location is reused
            assertThat(client.get("/static/alphabet.txt")).as("its length read afresh").hasStatus(200).hasBody("abc")
                .hasHeader("Content-Length", "3");
            Files.delete(root.resolve("alphabet.txt"));
            assertThat(client.get("/static/alphabet.txt")).as("gone: not found, never a 500").hasStatus(404);
        }
    }

    @Test
    void aFileCreatedAfterA404IsServedWithinASecond() throws Exception {
        try (TestClient client = client(StaticFiles.directory(root))) {
            assertThat(client.get("/static/new.txt")).hasStatus(404);
            Files.writeString(root.resolve("new.txt"), "fresh");
            TestResponse response = client.get("/static/new.txt");
            for (int i = 0; i < 30 && response.status() == 404; i++) {
                Thread.sleep(100);
                response = client.get("/static/new.txt");
            }
            assertThat(response).hasStatus(200).hasBody("fresh");
        }
    }

    @Test
    void conditionalRequestsGet304() {
        try (TestClient client = client(StaticFiles.directory(root))) {
            TestResponse first = client.get("/static/alphabet.txt");
            String etag = first.header("ETag").orElseThrow();
            String lastModified = first.header("Last-Modified").orElseThrow();
            assertThat(client.get("/static/alphabet.txt", Map.of("If-None-Match", etag))).hasStatus(304).hasEmptyBody()
                .hasHeader("ETag", etag);
            assertThat(client.get("/static/alphabet.txt", Map.of("If-None-Match", "\"other\", " + etag))).hasStatus(304);
            assertThat(client.get("/static/alphabet.txt", Map.of("If-None-Match", "\"other\""))).hasStatus(200).hasBody(ALPHABET);
            assertThat(client.get("/static/alphabet.txt", Map.of("If-Modified-Since", lastModified))).hasStatus(304);
            assertThat(client.get("/static/alphabet.txt", Map.of("If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"))).hasStatus(200);
            assertThat(client.get("/static/alphabet.txt", Map.of("If-None-Match", "\"other\"", "If-Modified-Since", lastModified)))
                .as("If-None-Match wins").hasStatus(200);
        }
    }

    @Test
    void oneRangeIsSentAsPartialContent() {
        try (TestClient client = client(StaticFiles.directory(root))) {
            assertThat(client.get("/static/alphabet.txt", Map.of("Range", "bytes=0-4"))).hasStatus(206).hasBody("abcde")
                .hasHeader("Content-Range", "bytes 0-4/26").hasHeader("Content-Length", "5");
            assertThat(client.get("/static/alphabet.txt", Map.of("Range", "bytes=23-"))).hasStatus(206).hasBody("xyz");
            assertThat(client.get("/static/alphabet.txt", Map.of("Range", "bytes=-2"))).hasStatus(206).hasBody("yz")
                .hasHeader("Content-Range", "bytes 24-25/26");
            assertThat(client.get("/static/alphabet.txt", Map.of("Range", "bytes=20-100"))).hasStatus(206).hasBody("uvwxyz");
            assertThat(client.get("/static/alphabet.txt", Map.of("Range", "bytes=30-40"))).hasStatus(416)
                .hasHeader("Content-Range", "bytes */26");
            assertThat(client.get("/static/alphabet.txt", Map.of("Range", "bytes=0-1,5-6"))).as("several ranges: the whole file")
                .hasStatus(200).hasBody(ALPHABET);
            assertThat(client.get("/static/alphabet.txt", Map.of("Range", "lines=1-2"))).hasStatus(200).hasBody(ALPHABET);
            assertThat(client.get("/static/alphabet.txt", Map.of("Range", "bytes=0-1", "If-Range", "\"stale\""))).as("a stale If-Range")
                .hasStatus(200).hasBody(ALPHABET);
        }
    }

    @Test
    void aDirectoryServesItsIndexNeverAListing() {
        try (TestClient client = client(StaticFiles.directory(root))) {
            assertThat(client.get("/static/docs/")).hasStatus(200).hasBody("<p>docs</p>").hasContentType("text/html; charset=utf-8");
            assertThat(client.get("/static/docs")).redirectsTo(307, "/static/docs/");
            assertThat(client.get("/static/empty/")).hasStatus(404);
        }
        try (TestClient client = client(StaticFiles.directory(root).indexFiles(false))) {
            assertThat(client.get("/static/docs/")).hasStatus(404);
        }
    }

    @Test
    void aPrecompressedSiblingGoesToAClientThatAcceptsIt() {
        try (TestClient client = client(StaticFiles.directory(root))) {
            assertThat(client.get("/static/app.js", Map.of("Accept-Encoding", "gzip, br"))).hasStatus(200).hasBody("brotli bytes")
                .hasHeader("Content-Encoding", "br").hasHeader("Vary", "Accept-Encoding").hasContentType("text/javascript; charset=utf-8");
            assertThat(client.get("/static/app.js", Map.of("Accept-Encoding", "gzip, br;q=0"))).hasBody("gzipped bytes")
                .hasHeader("Content-Encoding", "gzip");
            assertThat(client.get("/static/app.js", Map.of("Accept-Encoding", "identity"))).hasBody("console.log('plain');")
                .hasNoHeader("Content-Encoding").hasHeader("Vary", "Accept-Encoding");
            String gzipTag = client.get("/static/app.js", Map.of("Accept-Encoding", "gzip")).header("ETag").orElseThrow();
            String plainTag = client.get("/static/app.js").header("ETag").orElseThrow();
            assertThat(gzipTag).as("each representation its own tag").isNotEqualTo(plainTag);
        }
    }

    @Test
    void nothingOutsideTheRootAndNoDotFiles() throws Exception {
        Files.createSymbolicLink(root.resolve("link-out.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("link-in.txt"), root.resolve("alphabet.txt"));
        try (TestClient client = client(StaticFiles.directory(root))) {
            for (String attempt : List.of("/static/../" + outside.getFileName() + "/secret.txt", "/static/%2e%2e/secret.txt",
                "/static/..%2fsecret.txt", "/static/docs/..%2f..%2fsecret.txt", "/static/a%5c..%5c..%5csecret.txt",
                "/static/%00secret.txt", "/static//" + outside.resolve("secret.txt"), "/static/C:%5cWindows",
                "/static/link-out.txt", "/static/.env", "/static/%2eenv")) {
                TestResponse response = client.get(attempt);
                assertThat(response.status()).as(attempt).isIn(400, 404);
                assertThat(response.text()).as(attempt).doesNotContain("SECRET");
            }
            assertThat(client.get("/static/link-in.txt")).as("a link inside the root").hasStatus(200).hasBody(ALPHABET);
        }
        try (TestClient client = client(StaticFiles.directory(root).dotFiles(true).followSymlinks(true))) {
            assertThat(client.get("/static/.env")).hasStatus(200).hasBody("SECRET=1");
            assertThat(client.get("/static/link-out.txt")).hasStatus(200).hasBody("TOP SECRET");
        }
    }

    @Test
    void classPathResourcesAreServedAlike() {
        try (TestClient client = client(StaticFiles.classpath("public"))) {
            TestResponse hello = client.get("/static/hello.txt");
            assertThat(hello).hasStatus(200).hasBody("hello from the class path\n").hasContentType("text/plain; charset=utf-8");
            assertThat(client.get("/static/hello.txt", Map.of("If-None-Match", hello.header("ETag").orElseThrow()))).hasStatus(304);
            assertThat(client.get("/static/hello.txt", Map.of("Range", "bytes=0-4"))).hasStatus(206).hasBody("hello");
            assertThat(client.get("/static/site/")).hasStatus(200).hasBodyContaining("<p>index</p>");
            assertThat(client.get("/static/site")).redirectsTo(307, "/static/site/");
            assertThat(client.get("/static/nothing.txt")).hasStatus(404);
            assertThat(client.get("/static/..%2fpublic%2fhello.txt").status()).isIn(400, 404);
        }
    }

    @Test
    void aMountIsGuardedLikeAnyEndpoint() {
        AuthenticationBackend backend = AuthenticationBackend.sync(connection -> connection.header("X-User")
            .map(name -> new AuthResult(AuthCredentials.of(List.of("files")), new SimpleUser(name))));
        App app = App.builder()
            .middleware(new AuthenticationMiddleware(backend))
            .route(Route.get("/private/{file:path}", Guard.requires("files", StaticFiles.directory(root))))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/private/alphabet.txt")).hasStatus(403);
            assertThat(client.get("/private/alphabet.txt", Map.of("X-User", "ada"))).hasStatus(200).hasBody(ALPHABET);
        }
    }
}
