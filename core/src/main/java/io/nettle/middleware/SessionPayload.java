package io.nettle.middleware;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nettle.http.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON a session cookie signs: {@code {"exp": <expiry>, "iat": <issued>, "data": {...}}}, times
 * in epoch seconds.
 * Read with {@link Json#mapper()} (bounded nesting and number lengths); anything else than that
 * exact shape, or an expiry not after {@code now}, reads as nothing.
 *
 * @param data    the session's values
 * @param expires when the payload stops being valid (the sliding expiry)
 * @param issued  when the session was started (its absolute lifetime counts from here)
 */
record SessionPayload(Map<String, Object> data, Instant expires, Instant issued) {

    /** The payload as JSON bytes. */
    byte[] toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("exp", expires.getEpochSecond());
        json.put("iat", issued.getEpochSecond());
        json.put("data", data);
        try {
            return Json.mapper().writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("session values are JSON already", e);
        }
    }

    /** The payload in {@code json} when it is well-formed and has not expired at {@code now}. */
    static Optional<SessionPayload> read(byte[] json, Instant now) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException malformed) {
            return Optional.empty();
        }
        if (root == null || !root.isObject() || !root.path("exp").isIntegralNumber() || !root.path("exp").canConvertToLong()
            || !root.path("iat").isIntegralNumber() || !root.path("iat").canConvertToLong()
            || !(root.get("data") instanceof ObjectNode data)) {
            return Optional.empty();
        }
        long exp = root.get("exp").longValue();
        if (exp <= now.getEpochSecond()) {
            return Optional.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        data.properties().forEach(field -> values.put(field.getKey(), field.getValue()));
        long iat = root.get("iat").longValue();
        return Optional.of(new SessionPayload(values, Instant.ofEpochSecond(Math.min(exp, Instant.MAX.getEpochSecond())),
            Instant.ofEpochSecond(Math.max(Math.min(iat, Instant.MAX.getEpochSecond()), Instant.MIN.getEpochSecond()))));
    }
}
