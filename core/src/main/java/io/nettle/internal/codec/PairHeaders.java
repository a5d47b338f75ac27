package io.nettle.internal.codec;

import io.nettle.http.Headers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * Immutable {@link Headers} over a flat array of names and values ({@code [n0, v0, n1, v1...]}):
 * what a response carries, a handful of headers read by scanning, with nothing to allocate
 * until someone asks.
 */
public final class PairHeaders implements Headers {
    private final String[] pairs;

    /** Headers over {@code pairs}, which the caller must never change afterwards. */
    public PairHeaders(String[] pairs) {
        this.pairs = pairs;
    }

    @Override
    public Optional<String> get(String name) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equalsIgnoreCase(name)) {
                return Optional.of(pairs[i + 1]);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<String> getAll(String name) {
        List<String> values = new ArrayList<>(1);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equalsIgnoreCase(name)) {
                values.add(pairs[i + 1]);
            }
        }
        return Collections.unmodifiableList(values);
    }

    @Override
    public boolean contains(String name) {
        return get(name).isPresent();
    }

    @Override
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < pairs.length; i += 2) {
            names.add(pairs[i]);
        }
        return Collections.unmodifiableSet(names);
    }

    @Override
    public int size() {
        return pairs.length / 2;
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < pairs.length;
            }

            @Override
            public Map.Entry<String, String> next() {
                if (next >= pairs.length) {
                    throw new NoSuchElementException();
                }
                Map.Entry<String, String> entry = Map.entry(pairs[next], pairs[next + 1]);
                next += 2;
                return entry;
            }
        };
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < pairs.length; i += 2) {
            sb.append(i == 0 ? "" : ", ").append(pairs[i]).append(": ").append(pairs[i + 1]);
        }
        return sb.append(']').toString();
    }
}
