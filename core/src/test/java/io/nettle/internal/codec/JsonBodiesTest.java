package io.nettle.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nettle.http.HttpException;
import io.nettle.http.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    /** A typed body. */
    public record Item(String name, int qty) {
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void positionsCountCharactersAndEveryKindOfLineEnd() {
        byte[] body = utf8("{\"é😀\":\r\n1,\r2,\n\n3}");
        assertThat(JsonBodyErrors.position(body, 0)).isEqualTo("line 1, column 1");
        assertThat(JsonBodyErrors.position(body, utf8("{\"é😀\"").length)).isEqualTo("line 1, column 6");
        assertThat(JsonBodyErrors.position(body, utf8("{\"é😀\":\r\n").length)).isEqualTo("line 2, column 1");
        assertThat(JsonBodyErrors.position(body, utf8("{\"é😀\":\r\n1,\r").length)).isEqualTo("line 3, column 1");
        assertThat(JsonBodyErrors.position(body, utf8("{\"é😀\":\r\n1,\r2,\n\n3").length)).isEqualTo("line 5, column 2");
        assertThat(JsonBodyErrors.position(body, body.length + 10)).isEqualTo("line 5, column 3");
    }

    @Test
    void aByteOrderMarkIsNotAColumn() {
        byte[] body = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', 'x'};
        assertThat(JsonBodyErrors.position(body, 4)).isEqualTo("line 1, column 2");
    }

    @Test
    void asciiAndWellFormedUtf8PassTheCheck() {
        JsonBodies.requireUtf8(utf8("{\"a\": 1}"));
        JsonBodies.requireUtf8(utf8("é".repeat(10_000) + "😀".repeat(10_000)));
        JsonBodies.requireUtf8(new byte[0]);
    }

    @Test
    void theCheckStopsAtTheFirstIllFormedSequenceEvenPastItsBuffer() {
        byte[] body = utf8("é".repeat(3000) + "\n" + "x".repeat(5) + "?");
        body[body.length - 1] = (byte) 0xC0;
        assertThatThrownBy(() -> JsonBodies.requireUtf8(body)).isInstanceOf(HttpException.class)
            .hasMessage("Invalid JSON body: not valid UTF-8 at line 2, column 6");
    }

    @Test
    void anUnknownFieldIsNamedWhenAMapperRefusesUnknownFields() throws Exception {
        // Nettle's mapper ignores unknown fields; a mapper that does not is described like this
        ObjectMapper strict = Json.mapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        byte[] body = utf8("{\"name\": \"a\",\n \"extra\": 1, \"qty\": 2}");
        try (JsonParser parser = strict.createParser(body)) {
            JsonProcessingException failure = null;
            try {
                strict.readValue(parser, Item.class);
            } catch (JsonProcessingException e) {
                failure = e;
            }
            assertThat(failure).isNotNull();
            // a record's fields are gathered before it is built: Jackson places this error at the object's end
            assertThat(JsonBodyErrors.describe(failure, body, parser)).isEqualTo("unknown field 'extra' at line 2, column 23");
        }
    }

    @Test
    void kindsAreJsonKinds() {
        assertThat(JsonBodyErrors.kind(int.class)).isEqualTo("a number");
        assertThat(JsonBodyErrors.kind(java.math.BigDecimal.class)).isEqualTo("a number");
        assertThat(JsonBodyErrors.kind(Boolean.class)).isEqualTo("true or false");
        assertThat(JsonBodyErrors.kind(String.class)).isEqualTo("a string");
        assertThat(JsonBodyErrors.kind(java.util.List.class)).isEqualTo("an array");
        assertThat(JsonBodyErrors.kind(int[].class)).isEqualTo("an array");
        assertThat(JsonBodyErrors.kind(java.util.Map.class)).isEqualTo("an object");
        assertThat(JsonBodyErrors.kind(Item.class)).isEqualTo("an object");
        assertThat(JsonBodyErrors.kind(java.util.UUID.class)).isNull();
        assertThat(JsonBodyErrors.kind(Object.class)).isNull();
    }
}
