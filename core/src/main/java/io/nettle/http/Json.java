package io.nettle.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The Jackson {@link ObjectMapper} Nettle uses for JSON bodies and {@link Response#json(Object)}.
 *
 * <p>Reading is bounded so that hostile input costs little: nesting depth at most
 * {@value #MAX_NESTING_DEPTH}, numbers at most {@value #MAX_NUMBER_LENGTH} characters, strings
 * at most the request body limit. Unknown properties are ignored when binding to a class; anything
 * after the JSON value (other than whitespace) makes the body invalid.
 */
public final class Json {
    /** Deepest nesting of arrays and objects accepted in a request body. */
    public static final int MAX_NESTING_DEPTH = 256;
    /** Longest number, in characters, accepted in a request body. */
    public static final int MAX_NUMBER_LENGTH = 256;

    private static final ObjectMapper MAPPER = JsonMapper.builder(
            JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
                .build())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    private Json() {
    }

    /** The shared, thread-safe mapper. Do not reconfigure it; copy it ({@code mapper().copy()}) instead. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
