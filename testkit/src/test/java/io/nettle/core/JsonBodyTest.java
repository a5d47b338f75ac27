package io.nettle.core;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.App;
import io.nettle.http.Response;
import io.nettle.routing.Route;
import io.nettle.testkit.Body;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JSON request bodies are strict UTF-8: a body that is not well-formed is a 400 that says where.
 */
class JsonBodyTest {

    /** A typed body. */
    public record Person(String name, int age, List<Pet> pets, boolean active) {
    }

    /** A typed body inside another. */
    public record Pet(String name, Kind kind) {
    }

    /** An enumeration in a typed body. */
    public enum Kind { CAT, DOG }

    private static final App APP = App.builder()
        .route(Route.post("/tree", r -> r.json().thenApply(node -> Response.json(node))))
        .route(Route.post("/person", r -> r.json(Person.class).thenApply(person -> Response.json(person))))
        .route(Route.post("/map", r -> r.json(Map.class).thenApply(map -> Response.text("keys " + map.size()))))
        .build();

    private static TestClient client;

    @BeforeAll
    static void start() {
        client = TestClient.of(APP);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static Body json(String text) {
        return Body.bytes(text.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** {@code before}, then the raw bytes, then {@code after}: bytes a String could not carry. */
    private static Body json(String before, int[] raw, String after) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        for (int b : raw) {
            bytes.write(b);
        }
        bytes.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return Body.bytes(bytes.toByteArray(), "application/json");
    }

    /** The 400 for {@code body} at {@code path}: its text, checked to hold nothing of the parser's. */
    private static String refused(String path, Body body) {
        TestResponse response = client.post(path, body);
        assertThat(response).hasStatus(400).hasContentType("text/plain");
        String text = response.text();
        Assertions.assertThat(text).startsWith("Invalid JSON body: ")
            .doesNotContain("Jackson", "JsonReadFeature", "enable", "com.fasterxml", "Exception", "java.", "`",
                "JsonToken", "Source:", "REDACTED", "Person", "Pet", "Positive", "Runnable", "Integer", "ArrayList", "$");
        return text;
    }

    @Test
    void anOverlongUtf8FormIsRefusedSayingWhere() {
        Assertions.assertThat(refused("/tree", json("{\"a\":\"", new int[] {0xC0, 0xAF}, "\"}")))
            .isEqualTo("Invalid JSON body: not valid UTF-8 at line 1, column 7");
        Assertions.assertThat(refused("/person", json("{\"name\":\"", new int[] {0xC0, 0xAF}, "\"}")))
            .isEqualTo("Invalid JSON body: not valid UTF-8 at line 1, column 10");
    }

    @Test
    void everyKindOfIllFormedUtf8IsRefused() {
        int[][] sequences = {
            {0xC0, 0xAF},               // overlong '/'
            {0xE0, 0x80, 0xAF},         // overlong, three bytes
            {0xED, 0xA0, 0x80},         // an encoded surrogate (U+D800)
            {0xED, 0xBF, 0xBF},         // another (U+DFFF)
            {0xE2},                     // a truncated sequence, then the closing quote
            {0xE2, 0x28, 0xA1},         // a sequence broken by an ASCII byte
            {0xF0, 0x9F, 0x98},         // a truncated emoji
            {0xFF},                     // never in UTF-8
            {0xFE},
            {0x80},                     // a lone continuation byte
            {0xF4, 0x90, 0x80, 0x80},   // above U+10FFFF
            {0xF8, 0x88, 0x80, 0x80, 0x80},
        };
        for (int[] bytes : sequences) {
            for (String path : List.of("/tree", "/person", "/map")) {
                Assertions.assertThat(refused(path, json("{\"name\":\"", bytes, "\"}")))
                    .as("%s at %s", java.util.Arrays.toString(bytes), path)
                    .isEqualTo("Invalid JSON body: not valid UTF-8 at line 1, column 10");
            }
        }
    }

    @Test
    void illFormedUtf8OutsideStringsAndAtTheVeryEndIsRefusedToo() {
        Assertions.assertThat(refused("/tree", json("{\"a\":1}", new int[] {0xE2}, "")))
            .isEqualTo("Invalid JSON body: not valid UTF-8 at line 1, column 8");
        Assertions.assertThat(refused("/tree", json("", new int[] {0xFE, 0xFF}, "{}")))
            .isEqualTo("Invalid JSON body: not valid UTF-8 at line 1, column 1");
        Assertions.assertThat(refused("/tree", json("{\"", new int[] {0xC3, 0xA9, 0xC3}, "\": 1}")))
            .isEqualTo("Invalid JSON body: not valid UTF-8 at line 1, column 4");
    }

    @Test
    void theColumnCountsCharactersNotBytesAndLinesAreCounted() {
        // "é" is two bytes and "😀" four: each is one character
        Assertions.assertThat(refused("/tree", json("{\"é😀\":\"", new int[] {0xC0, 0x80}, "\"}")))
            .isEqualTo("Invalid JSON body: not valid UTF-8 at line 1, column 8");
        Assertions.assertThat(refused("/tree", json("{\n  \"a\": \"x\",\r\n  \"b\": \"日本", new int[] {0xED, 0xA0, 0x80}, "\"\n}")))
            .isEqualTo("Invalid JSON body: not valid UTF-8 at line 3, column 11");
    }

    @Test
    void validMultiByteTextStillParses() {
        String text = "é, ü, ß, 😀, 日本語, Ωμέγα, \uD83D\uDC4D\uD83C\uDFFD";
        Map<String, Object> person = Map.of("name", text, "age", 30, "pets", List.of(Map.of("name", "猫", "kind", "CAT")),
            "active", true);
        assertThat(client.post("/tree", Body.json(Map.of("name", text, "€", "😀"))))
            .hasStatus(200).hasJsonBody("{\"name\": \"" + text + "\", \"€\": \"😀\"}");
        assertThat(client.post("/person", Body.json(person))).hasStatus(200)
            .hasJsonBody("{\"name\": \"" + text + "\", \"age\": 30, \"pets\": [{\"name\": \"猫\", \"kind\": \"CAT\"}], \"active\": true}");
        // escaped forms and a leading byte order mark are fine too
        assertThat(client.post("/tree", json("{\"a\": \"\\u00e9\\ud83d\\ude00\"}"))).hasStatus(200).hasJsonBody("{\"a\": \"é😀\"}");
        assertThat(client.post("/tree", json("", new int[] {0xEF, 0xBB, 0xBF}, "{\"a\": \"é\"}"))).hasStatus(200)
            .hasJsonBody("{\"a\": \"é\"}");
    }

    @Test
    void aUtf16OrUtf32BodyIsNotGuessedAt() {
        String doc = "{\"a\":1}";
        Assertions.assertThat(refused("/tree", Body.bytes(doc.getBytes(StandardCharsets.UTF_16BE), "application/json")))
            .isEqualTo("Invalid JSON body: unexpected character at line 1, column 1");
        Assertions.assertThat(refused("/tree", Body.bytes(doc.getBytes(StandardCharsets.UTF_16LE), "application/json")))
            .isEqualTo("Invalid JSON body: unexpected character at line 1, column 2");
        Assertions.assertThat(refused("/tree", Body.bytes(doc.getBytes(java.nio.charset.Charset.forName("UTF-32LE")),
            "application/json"))).isEqualTo("Invalid JSON body: unexpected character at line 1, column 2");
    }
}
