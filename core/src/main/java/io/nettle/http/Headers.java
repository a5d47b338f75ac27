package io.nettle.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Read-only, case-insensitive, multi-valued HTTP headers.
 *
 * <p>Names compare without regard to case ({@code headers.get("content-type")} finds
 * {@code Content-Type}); the order of values of one name is the order in which they were
 * received or added.
 */
public interface Headers extends Iterable<Map.Entry<String, String>> {

    /** The first value of {@code name}, if any. */
    Optional<String> get(String name);

    /** Every value of {@code name}, in order; empty when there is none. */
    List<String> getAll(String name);

    /** Whether at least one header named {@code name} is present. */
    boolean contains(String name);

    /** The distinct header names, as first received. */
    Set<String> names();

    /** The number of header lines (a name with two values counts twice). */
    int size();

    /** Whether there are no headers. */
    default boolean isEmpty() {
        return size() == 0;
    }
}
