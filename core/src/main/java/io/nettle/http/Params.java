package io.nettle.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decoded, multi-valued, case-sensitive parameters: a query string or an urlencoded form.
 * Order of names and of the values of one name is kept.
 */
public final class Params {
    private static final Params EMPTY = new Params(Map.of());

    private final Map<String, List<String>> values;

    private Params(Map<String, List<String>> values) {
        this.values = values;
    }

    /** No parameters. */
    public static Params empty() {
        return EMPTY;
    }

    /** Parameters holding the given names and values; the map is copied. */
    public static Params of(Map<String, List<String>> values) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
        return new Params(Collections.unmodifiableMap(copy));
    }

    /** The first value of {@code name}, if any. */
    public Optional<String> get(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /** Every value of {@code name}; empty when there is none. */
    public List<String> getAll(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Whether {@code name} occurs at least once. */
    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** The names, in order of first occurrence. */
    public Set<String> names() {
        return values.keySet();
    }

    /** Every name with all its values. */
    public Map<String, List<String>> asMap() {
        return values;
    }

    /** Whether there are no parameters. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
