package io.nettle.http;

import static io.nettle.testkit.NettleAssertions.assertThat;

import io.nettle.App;
import io.nettle.routing.Route;
import io.nettle.testkit.Body;
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.Wire;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JSON request bodies: strict UTF-8, and a 400 that says what is wrong and where in the client's
 * terms, never in the parser's.
 */
@OnEveryProtocol
class JsonBodyTest {

    /** A typed body. */
    public record Person(String name, int age, List<Pet> pets, boolean active) {
    }

    /** A typed body inside another. */
    public record Pet(String name, Kind kind) {
    }

    /** An enumeration in a typed body. */
    public enum Kind { CAT, DOG }

    /** A typed body whose constructor refuses some values. */
    public record Positive(int n) {
        public Positive {
            if (n <= 0) {
                throw new IllegalArgumentException("n must be positive, at " + Positive.class.getName());
            }
        }
    }

    private static final App APP = App.builder()
        .route(Route.post("/tree", r -> r.json().thenApply(node -> Response.json(node))))
        .route(Route.post("/person", r -> r.json(Person.class).thenApply(person -> Response.json(person))))
        .route(Route.post("/people", r -> r.json(Person[].class).thenApply(people -> Response.text("people " + people.length))))
        .route(Route.post("/numbers", r -> r.json(Integer[].class).thenApply(numbers -> Response.text("numbers " + numbers.length))))
        .route(Route.post("/map", r -> r.json(Map.class).thenApply(map -> Response.text("keys " + map.size()))))
        .route(Route.post("/positive", r -> r.json(Positive.class).thenApply(p -> Response.text("n " + p.n()))))
        .route(Route.post("/runnable", r -> r.json(Runnable.class).thenApply(x -> Response.text("?"))))
        .build();

    private final TestClient client;

    JsonBodyTest(Wire wire) {
        this.client = TestClient.of(APP, wire);
    }

    @AfterEach
    void stop() {
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
    private String refused(String path, Body body) {
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

    // What the 400 says: the client's words, never the parser's

    @Test
    void nanIsAnUnexpectedCharacterAtItsStart() {
        Assertions.assertThat(refused("/tree", json("{\"a\": NaN}")))
            .isEqualTo("Invalid JSON body: unexpected character at line 1, column 7");
        Assertions.assertThat(refused("/person", json("{\"age\": NaN}")))
            .isEqualTo("Invalid JSON body: unexpected character at line 1, column 9");
        Assertions.assertThat(refused("/tree", json("[1, -Infinity]")))
            .isEqualTo("Invalid JSON body: unexpected character at line 1, column 5");
    }

    @Test
    void aTrailingCommaIsAnUnexpectedCharacter() {
        Assertions.assertThat(refused("/tree", json("{\"a\": 1,}")))
            .isEqualTo("Invalid JSON body: unexpected character at line 1, column 9");
        Assertions.assertThat(refused("/tree", json("[1,\n 2,\n]")))
            .isEqualTo("Invalid JSON body: unexpected character at line 3, column 1");
    }

    @Test
    void aTruncatedDocumentEndsTooSoon() {
        Assertions.assertThat(refused("/tree", json("{\n  \"a\": [1,\n")))
            .isEqualTo("Invalid JSON body: ends too soon at line 3, column 1");
        Assertions.assertThat(refused("/tree", json("{\"a\": \"abc")))
            .isEqualTo("Invalid JSON body: ends too soon at line 1, column 11");
        Assertions.assertThat(refused("/person", json("{\"name\": \"a\",")))
            .isEqualTo("Invalid JSON body: ends too soon at line 1, column 14");
    }

    @Test
    void aSingleQuotedStringIsAnUnexpectedCharacter() {
        Assertions.assertThat(refused("/tree", json("{'a': 1}")))
            .isEqualTo("Invalid JSON body: unexpected character at line 1, column 2");
        Assertions.assertThat(refused("/person", json("{\"name\": 'Ann'}")))
            .isEqualTo("Invalid JSON body: unexpected character at line 1, column 10");
    }

    @Test
    void otherSyntaxErrorsAreUnexpectedCharactersWhereTheyAre() {
        Assertions.assertThat(refused("/tree", json("{nope"))).isEqualTo("Invalid JSON body: unexpected character at line 1, column 2");
        Assertions.assertThat(refused("/tree", json("nope"))).isEqualTo("Invalid JSON body: unexpected character at line 1, column 1");
        Assertions.assertThat(refused("/tree", json("[1x]"))).isEqualTo("Invalid JSON body: unexpected character at line 1, column 3");
        Assertions.assertThat(refused("/tree", json("[01]"))).isEqualTo("Invalid JSON body: unexpected character at line 1, column 3");
        Assertions.assertThat(refused("/tree", json("[\"\u0001\"]"))).isEqualTo("Invalid JSON body: unexpected character at line 1, column 3");
        Assertions.assertThat(refused("/tree", json("[\"\\x\"]"))).isEqualTo("Invalid JSON body: unexpected character at line 1, column 4");
        Assertions.assertThat(refused("/tree", json("]"))).isEqualTo("Invalid JSON body: unexpected character at line 1, column 1");
        Assertions.assertThat(refused("/tree", json("{\"a\": 1}\u0000"))).isEqualTo("Invalid JSON body: unexpected character at line 1, column 9");
        Assertions.assertThat(refused("/tree", json("{\"a\":\u0007 1}"))).isEqualTo("Invalid JSON body: unexpected character at line 1, column 6");
    }

    @Test
    void contentAfterTheValueIsRefusedWhereItStarts() {
        Assertions.assertThat(refused("/tree", json("{\"a\": 1} {\"b\": 2}")))
            .isEqualTo("Invalid JSON body: unexpected content after the value at line 1, column 10");
        Assertions.assertThat(refused("/person", json("{\"name\": \"a\"}\n[]")))
            .isEqualTo("Invalid JSON body: unexpected content after the value at line 2, column 1");
        Assertions.assertThat(refused("/tree", json("{\"a\": 1} trailing")))
            .isEqualTo("Invalid JSON body: unexpected character at line 1, column 10");
    }

    @Test
    void anEmptyBodyAndNullAreNamedAsSuch() {
        Assertions.assertThat(refused("/tree", json(""))).isEqualTo("Invalid JSON body: the body is empty");
        Assertions.assertThat(refused("/person", json(" \n "))).isEqualTo("Invalid JSON body: the body is empty");
        Assertions.assertThat(refused("/person", json("null"))).isEqualTo("Invalid JSON body: expected an object, got null");
        Assertions.assertThat(refused("/people", json("null"))).isEqualTo("Invalid JSON body: expected an array, got null");
        assertThat(client.post("/tree", json("null"))).hasStatus(200).hasBody("null");
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedWithWhatItExpects() {
        Assertions.assertThat(refused("/person", json("{\"age\": \"x\"}")))
            .isEqualTo("Invalid JSON body: field 'age' expects a number at line 1, column 9");
        Assertions.assertThat(refused("/person", json("{\"name\": \"Ann\",\n \"age\": {}}")))
            .isEqualTo("Invalid JSON body: field 'age' expects a number at line 2, column 9");
        Assertions.assertThat(refused("/person", json("{\"active\": \"yes\"}")))
            .isEqualTo("Invalid JSON body: field 'active' expects true or false at line 1, column 12");
        Assertions.assertThat(refused("/person", json("{\"name\": [1]}")))
            .isEqualTo("Invalid JSON body: field 'name' expects a string at line 1, column 10");
        Assertions.assertThat(refused("/person", json("{\"pets\": {}}")))
            .isEqualTo("Invalid JSON body: field 'pets' expects an array at line 1, column 10");
        Assertions.assertThat(refused("/person", json("{\"pets\": [1]}")))
            .isEqualTo("Invalid JSON body: element 'pets[0]' expects an object at line 1, column 11");
    }

    @Test
    void aNestedFieldIsNamedByItsPath() {
        Assertions.assertThat(refused("/person", json("{\"pets\": [{\"name\": \"a\"}, {\"name\": {}}]}")))
            .isEqualTo("Invalid JSON body: field 'pets[1].name' expects a string at line 1, column 35");
        Assertions.assertThat(refused("/people", json("[{}, {\"age\": true}]")))
            .isEqualTo("Invalid JSON body: field '[1].age' expects a number at line 1, column 14");
        Assertions.assertThat(refused("/numbers", json("[1, \"two\"]")))
            .isEqualTo("Invalid JSON body: element '[1]' expects a number at line 1, column 5");
    }

    @Test
    void aValueOutsideAnEnumerationOrARangeIsNamed() {
        Assertions.assertThat(refused("/person", json("{\"pets\": [{\"kind\": \"FISH\"}]}")))
            .isEqualTo("Invalid JSON body: field 'pets[0].kind' is not one of the allowed values at line 1, column 20");
        Assertions.assertThat(refused("/person", json("{\"age\": 99999999999}")))
            .isEqualTo("Invalid JSON body: field 'age' has a number out of range at line 1, column 9");
    }

    @Test
    void aBodyOfTheWrongRootTypeSaysWhatWasExpected() {
        Assertions.assertThat(refused("/person", json("[1, 2]"))).isEqualTo("Invalid JSON body: expected an object at line 1, column 1");
        Assertions.assertThat(refused("/person", json("  \"Ann\""))).isEqualTo("Invalid JSON body: expected an object at line 1, column 3");
        Assertions.assertThat(refused("/people", json("{}"))).isEqualTo("Invalid JSON body: expected an array at line 1, column 1");
        Assertions.assertThat(refused("/map", json("[]"))).isEqualTo("Invalid JSON body: expected an object at line 1, column 1");
    }

    @Test
    void unknownFieldsAreIgnoredNotRefused() {
        // the mapper does not fail on unknown properties, so there is no "unknown field" 400 to see here
        assertThat(client.post("/person", json("{\"name\": \"Ann\", \"x\": 1}"))).hasStatus(200)
            .hasJsonBody("{\"name\": \"Ann\", \"age\": 0, \"pets\": null, \"active\": false}");
    }

    @Test
    void aValueTheTypeRefusesIsNotAcceptedWithoutTheApplicationsMessage() {
        Assertions.assertThat(refused("/positive", json("{\"n\": -1}")))
            .isEqualTo("Invalid JSON body: the value is not accepted at line 1, column 9");
        assertThat(client.post("/positive", json("{\"n\": 2}"))).hasStatus(200).hasBody("n 2");
    }

    @Test
    void limitsAreNamedWithoutTheParsersWords() {
        Assertions.assertThat(refused("/tree", json("[".repeat(1000))))
            .isEqualTo("Invalid JSON body: nested too deeply (more than 256 levels) at line 1, column 257");
        Assertions.assertThat(refused("/map", json("{\"pets\": " + "[".repeat(300) + "]".repeat(300) + "}")))
            .isEqualTo("Invalid JSON body: nested too deeply (more than 256 levels) at line 1, column 265");
        Assertions.assertThat(refused("/tree", json("[\n " + "1".repeat(1000) + "]")))
            .isEqualTo("Invalid JSON body: a number is too long (more than 256 characters) at line 2, column 2");
        Assertions.assertThat(refused("/person", json("{\"age\": 0." + "5".repeat(1000) + "}")))
            .isEqualTo("Invalid JSON body: a number is too long (more than 256 characters) at line 1, column 9");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\": NaN}", "{\"a\": 1,}", "{\"a\": [1,", "{'a': 1}", "{\"age\": \"x\"}", "[1, 2]", "{\"age\": 1e999999}",
        "{\"pets\": [{\"kind\": 1.5}]}", "{\"age\": +1}", "{\"name\": \"\\uZZZZ\"}", "{\"a\" 1}", "\"\\ud800\"",
    })
    void noMessageNamesAClassAFeatureOrTheParser(String body) {
        for (String path : List.of("/tree", "/person", "/map")) {
            TestResponse response = client.post(path, json(body));
            if (response.status() != 200) {
                refused(path, json(body));
            }
        }
    }

    @Test
    void aTypeJacksonCannotBuildIsTheServersFaultNotTheClients() {
        // logged at ERROR by the app ("A JSON body cannot be bound to java.lang.Runnable"), no detail on the wire
        assertThat(client.post("/runnable", json("{}"))).hasStatus(500).hasBody("Internal Server Error");
    }
}
