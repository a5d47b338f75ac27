package io.nettle.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The session of a connection: a small map of names to JSON values that
 * {@code SessionMiddleware} keeps in a signed cookie (Starlette's {@code request.session}).
 * <pre>{@code
 * request.session().put("cart", List.of(7, 9));
 * String theme = request.session().getString("theme").orElse("light");
 * request.session().clear();   // the cookie is deleted with the response
 * }</pre>
 * Values are copied in and out as JSON by {@link Json#mapper()}: {@link #put} serializes the
 * value at once (a value Jackson cannot write is an {@link IllegalArgumentException} there,
 * not later), and reads return what the next request will see, e.g. a record comes back as a
 * {@code Map} from {@link #get(String)} or bound again by {@link #get(String, Class)}.
 * Changing a value read from the session does not change the session: put it again.
 *
 * <p>The session of a WebSocket is read-only: no HTTP response follows the handshake that could
 * carry the cookie, so a change would be lost. Changing it throws {@link IllegalStateException}.
 *
 * <p>A session belongs to its connection's event loop and is not synchronized.
 */
public final class Session {
    private final Map<String, JsonNode> values = new LinkedHashMap<>();
    private final boolean readOnly;
    private boolean modified;
    private boolean regenerated;
    private String owner;

    private Session(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** A new, empty session. */
    public static Session empty() {
        return new Session(false);
    }

    /** A session holding {@code values}, not counted as changed (what a valid cookie restores). */
    public static Session of(Map<String, ?> values) {
        return restore(values, false);
    }

    /** A session holding {@code values} that belongs to {@code owner} (what a server-side store restores). */
    public static Session of(Map<String, ?> values, String owner) {
        Session session = restore(values, false);
        session.owner = owner;
        return session;
    }

    /** A session holding {@code values} that cannot be changed (a WebSocket's). */
    public static Session readOnly(Map<String, ?> values) {
        return restore(values, true);
    }

    private static Session restore(Map<String, ?> values, boolean readOnly) {
        Session session = new Session(readOnly);
        values.forEach((key, value) -> session.values.put(checkKey(key), toJson(key, value)));
        return session;
    }

    /** The value under {@code key} as Jackson reads JSON: a String, Number, Boolean, List or Map (a copy). */
    public Optional<Object> get(String key) {
        return get(key, Object.class);
    }

    /**
     * The value under {@code key} bound to {@code type} by {@link Json#mapper()}.
     *
     * @throws IllegalArgumentException when the stored value does not bind to {@code type}
     */
    public <T> Optional<T> get(String key, Class<T> type) {
        JsonNode node = values.get(key);
        if (node == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Json.mapper().treeToValue(node.deepCopy(), type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the session value \"" + key + "\" is not a " + type.getSimpleName(), e);
        }
    }

    /**
     * The text under {@code key}.
     *
     * @throws IllegalStateException when the value is not a JSON string
     */
    public Optional<String> getString(String key) {
        JsonNode node = values.get(key);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new IllegalStateException("the session value \"" + key + "\" is a " + node.getNodeType() + ", not a string");
        }
        return Optional.of(node.textValue());
    }

    /**
     * Stores {@code value} under {@code key}, serialized to JSON now.
     *
     * @throws IllegalArgumentException when {@code value} cannot be written as JSON
     * @throws IllegalStateException    when the session is read-only
     */
    public Session put(String key, Object value) {
        checkWritable();
        Objects.requireNonNull(value, () -> "value of \"" + key + "\" (use remove to drop a key)");
        JsonNode node = toJson(checkKey(key), value);
        if (!node.equals(values.put(key, node))) {
            modified = true;
        }
        return this;
    }

    /** Removes {@code key}. */
    public Session remove(String key) {
        checkWritable();
        if (values.remove(key) != null) {
            modified = true;
        }
        return this;
    }

    /** Removes every key and the owner; the middleware then deletes the cookie (and the stored session). */
    public Session clear() {
        checkWritable();
        if (!values.isEmpty() || owner != null) {
            values.clear();
            owner = null;
            modified = true;
        }
        return this;
    }

    /**
     * Starts this session afresh when it is saved: a new id in a server-side store (the old one
     * deleted) and a new issue time, from which its absolute lifetime counts. Call it when the
     * user signs in, so that an id planted before the login (session fixation) is worth nothing.
     */
    public Session regenerate() {
        checkWritable();
        regenerated = true;
        modified = true;
        return this;
    }

    /** Whether {@link #regenerate()} was called. */
    public boolean isRegenerated() {
        return regenerated;
    }

    /**
     * Records whose session this is (a user's identity), so that a server-side store can revoke
     * all of a user's sessions at once ({@code SessionStore.deleteAllOf}).
     */
    public Session owner(String user) {
        checkWritable();
        if (!Objects.equals(owner, user)) {
            owner = user;
            modified = true;
        }
        return this;
    }

    /** Whose session this is, when recorded. */
    public Optional<String> owner() {
        return Optional.ofNullable(owner);
    }

    /** Whether the session holds nothing (no values, no owner). */
    public boolean isEmpty() {
        return values.isEmpty() && owner == null;
    }

    /** A read-only snapshot of every value, as {@link #get(String)} returns them, in insertion order. */
    public Map<String, Object> asMap() {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, node) -> copy.put(key, get(key).orElse(null)));
        return Collections.unmodifiableMap(copy);
    }

    /** Whether {@link #put}, {@link #remove} or {@link #clear} changed the content since the session was made. */
    public boolean isModified() {
        return modified;
    }

    @Override
    public String toString() {
        return "Session" + values.keySet();
    }

    private void checkWritable() {
        if (readOnly) {
            throw new IllegalStateException("this session is read-only (a WebSocket's session cannot be saved: "
                + "no HTTP response follows the handshake); change it in an HTTP endpoint");
        }
    }

    private static String checkKey(String key) {
        return Objects.requireNonNull(key, "key");
    }

    /** {@code value} as the JSON tree the next request reads back (a round trip through bytes, so numbers keep their JSON type). */
    private static JsonNode toJson(String key, Object value) {
        ObjectMapper mapper = Json.mapper();
        try {
            return mapper.readTree(mapper.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalArgumentException("the session value \"" + key + "\" cannot be written as JSON", e);
        }
    }
}
