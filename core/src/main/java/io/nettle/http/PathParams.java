package io.nettle.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * The path parameters of a matched route, already converted by their converters:
 * {@code {name}} and {@code {rest:path}} give {@link String}, {@code {id:int}} gives {@link Long},
 * {@code {x:float}} gives {@link Double}, {@code {id:uuid}} gives {@link UUID}.
 */
public final class PathParams {
    private static final PathParams EMPTY = new PathParams(Map.of());

    private final Map<String, Object> values;

    private PathParams(Map<String, Object> values) {
        this.values = values;
    }

    /** No parameters. */
    public static PathParams empty() {
        return EMPTY;
    }

    /** Parameters with the given converted values (copied, order kept). */
    public static PathParams of(Map<String, ?> values) {
        return values.isEmpty() ? EMPTY : new PathParams(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    /**
     * The value of {@code name} as {@code type}.
     *
     * @throws NoSuchElementException when the route has no parameter {@code name}
     * @throws ClassCastException when the converter gives another type
     */
    public <T> T get(String name, Class<T> type) {
        Object value = values.get(name);
        if (value == null) {
            throw new NoSuchElementException("the route has no path parameter '" + name + "'; it has " + values.keySet());
        }
        return type.cast(value);
    }

    /** The value of a {@code {name}} or {@code {name:path}} parameter. */
    public String getString(String name) {
        return String.valueOf(get(name, Object.class));
    }

    /** The value of an {@code {name:int}} parameter. */
    public long getLong(String name) {
        return get(name, Long.class);
    }

    /** The value of an {@code {name:int}} parameter that must fit an {@code int}. */
    public int getInt(String name) {
        return Math.toIntExact(getLong(name));
    }

    /** The value of a {@code {name:float}} parameter. */
    public double getDouble(String name) {
        return get(name, Double.class);
    }

    /** The value of a {@code {name:uuid}} parameter. */
    public UUID getUuid(String name) {
        return get(name, UUID.class);
    }

    /** Every parameter by name, in template order. */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
