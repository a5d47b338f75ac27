package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nettle.ServerSettings;
import io.nettle.testkit.Body;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The upload example's contract: POST /upload with Basic, JSON of what came; a file over 10 MiB is a 413. */
class UploadExampleTest {
    private static final Map<String, String> TOM = Map.of("Authorization", DemoLogin.basic("tom:secret"));

    @Test
    void answersEachFilesSizeAndSha256AndTheFields() throws Exception {
        byte[] content = new byte[2 * 1024 * 1024 + 1];
        new Random(5).nextBytes(content);
        try (TestClient client = TestClient.of(UploadExample.app(ServerSettings.defaults()), Wire.NIO)) {
            var response = client.request("POST", "/upload").headers(TOM)
                .body(Body.multipart().field("title", "Q3").file("file", "report.bin", "application/octet-stream", content).build()).send();
            assertThat(response).hasStatus(200).hasContentType("application/json");
            JsonNode json = response.json();
            assertThat(json.get("fields").get("title").get(0).asText()).isEqualTo("Q3");
            JsonNode file = json.get("files").get(0);
            assertThat(file.get("field").asText()).isEqualTo("file");
            assertThat(file.get("filename").asText()).isEqualTo("report.bin");
            assertThat(file.get("size").asLong()).isEqualTo(content.length);
            assertThat(file.get("sha256").asText()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        }
    }

    @Test
    void aFileOverTenMebibytesIs413AndAnonymousIs403() {
        try (TestClient client = TestClient.of(UploadExample.app(ServerSettings.defaults()))) {
            assertThat(client.request("POST", "/upload").headers(TOM)
                .body(Body.multipart().file("file", "big.bin", "application/octet-stream", new byte[10 * 1024 * 1024 + 1]).build()).send())
                .hasStatus(413);
            assertThat(client.post("/upload", Body.multipart().field("title", "x").build())).hasStatus(403);
            assertThat(client.get("/")).hasStatus(401).hasHeader("WWW-Authenticate", "Basic realm=\"upload\"");
            assertThat(client.get("/", TOM)).hasStatus(200).hasBodyContaining("enctype=\"multipart/form-data\"");
        }
    }
}
