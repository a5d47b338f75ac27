package io.nettle.http;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.ServerSettings;
import io.nettle.routing.Route;
import io.nettle.testkit.Body;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.Wire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code multipart/form-data} uploads on every protocol: fields and files, small ones in memory
 * and large ones through temporary files deleted after the response, the limits (413), file
 * names made safe, and the errors a client can cause.
 */
@OnEveryProtocol
class MultipartTest {
    private final Wire wire;
    @TempDir
    Path spill;
    private final List<Path> seenFiles = new CopyOnWriteArrayList<>();

    MultipartTest(Wire wire) {
        this.wire = wire;
    }

    private TestClient client(MultipartLimits limits) {
        App app = App.builder()
            .settings(ServerSettings.builder().maxBodySize(64L * 1024 * 1024).build())
            .route(Route.post("/upload", request -> request.multipart(limits.tempDirectory(spill))
                .thenCompose(form -> request.runBlocking(() -> describe(form)))))
            .build();
        return TestClient.of(app, wire);
    }

    /** What the endpoint saw: fields, then each file's name, type, size and SHA-256. */
    private Response describe(MultipartForm form) throws Exception {
        StringBuilder text = new StringBuilder();
        form.fields().asMap().forEach((name, values) -> text.append(name).append('=').append(values).append('\n'));
        try (Stream<Path> spilled = Files.list(spill)) {
            spilled.forEach(seenFiles::add);
        }
        for (UploadedFile file : form.files()) {
            byte[] content;
            try (var in = file.open()) {
                content = in.readAllBytes();
            }
            text.append(file.field()).append(':').append(file.filename()).append(':').append(file.contentType()).append(':')
                .append(file.size()).append(':').append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)))
                .append('\n');
        }
        return Response.text(text.toString());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void fieldsAndFilesArriveWhole() throws Exception {
        byte[] small = "hello, file".getBytes(StandardCharsets.UTF_8);
        byte[] large = new byte[3 * 1024 * 1024 + 5];
        new Random(3).nextBytes(large);
        try (TestClient client = client(MultipartLimits.defaults())) {
            TestResponse response = client.post("/upload", Body.multipart()
                .field("title", "Quarterly report").field("tags", "a").field("tags", "b")
                .file("notes", "notes.txt", "text/plain", small)
                .file("data", "data.bin", "application/octet-stream", large).build());
            assertThat(response).hasStatus(200);
            assertThat(response.text()).isEqualTo("title=[Quarterly report]\ntags=[a, b]\n"
                + "notes:notes.txt:text/plain:11:" + sha256(small) + "\n"
                + "data:data.bin:application/octet-stream:" + large.length + ":" + sha256(large) + "\n");
        }
        assertThat(seenFiles).as("the large file spilled to the temporary directory").isNotEmpty();
        for (int i = 0; i < 100 && !isEmpty(spill); i++) {
            Thread.sleep(20);
        }
        assertThat(isEmpty(spill)).as("temporary files deleted after the response").isTrue();
    }

    private static boolean isEmpty(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.findAny().isEmpty();
        }
    }

    @Test
    void fileNamesAreMadeSafe() {
        try (TestClient client = client(MultipartLimits.defaults())) {
            TestResponse response = client.post("/upload", Body.multipart()
                .file("a", "C:\\\\fakepath\\\\photo.png", "image/png", new byte[] {1})
                .file("b", "../../etc/passwd", "text/plain", new byte[] {2})
                .file("c", "..", "text/plain", new byte[] {3}).build());
            assertThat(response.text()).contains("b:passwd:text/plain:1:").contains("c:upload:text/plain:1:");
            String windowsName = response.text().lines().filter(line -> line.startsWith("a:")).findFirst().orElseThrow().split(":")[1];
            assertThat(windowsName).as("a Windows path's file name").endsWith("photo.png").doesNotContain("\\", "/");
        }
    }

    @Test
    void limitsAre413() {
        MultipartLimits tight = MultipartLimits.defaults().maxFileSize(1024).maxFieldSize(16).maxParts(3);
        try (TestClient client = client(tight)) {
            assertThat(client.post("/upload", Body.multipart().file("f", "big.bin", "application/octet-stream", new byte[4096]).build()))
                .hasStatus(413).hasBodyContaining("larger than 1024 bytes");
            assertThat(client.post("/upload", Body.multipart().field("long", "x".repeat(100)).build()))
                .hasStatus(413).hasBodyContaining("'long' is larger than 16 bytes");
            assertThat(client.post("/upload", Body.multipart().field("a", "1").field("b", "2").field("c", "3").field("d", "4").build()))
                .hasStatus(413).hasBodyContaining("More than 3 parts");
            assertThat(client.post("/upload", Body.multipart().field("a", "1").build())).as("within the limits").hasStatus(200);
        }
    }

    @Test
    void badBodiesAreClientErrors() {
        try (TestClient client = client(MultipartLimits.defaults())) {
            assertThat(client.post("/upload", Body.text("not a form"))).hasStatus(415).hasBodyContaining("multipart/form-data");
            assertThat(client.post("/upload", Body.bytes("--x\r\nnonsense".getBytes(StandardCharsets.US_ASCII),
                "multipart/form-data; boundary=x"))).hasStatus(400).hasBodyContaining("Malformed multipart");
            assertThat(client.post("/upload", Body.bytes(new byte[0], "multipart/form-data"))).hasStatus(400);
        }
    }

    @Test
    void theBodyIsReadAsTheDecoderTakesItOnce() {
        CompletableFuture<Throwable> second = new CompletableFuture<>();
        App app = App.builder()
            .route(Route.post("/twice", request -> request.multipart().thenCompose(form -> request.body()
                .handle((bytes, failure) -> {
                    second.complete(failure);
                    return Response.text("ok");
                }))))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.post("/twice", Body.multipart().field("a", "1").build())).hasStatus(200);
            assertThat(second.join()).isInstanceOf(IllegalStateException.class).hasMessage("the body is read once");
        }
    }
}
