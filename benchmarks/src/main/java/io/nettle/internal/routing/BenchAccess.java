package io.nettle.internal.routing;

import java.util.List;

/**
 * Access to package-private parts of Nettle's core for the JMH benchmarks only (same package,
 * on the benchmark's class path; not part of any published artifact).
 */
public final class BenchAccess {
    private BenchAccess() {
    }

    /** A route trie holding {@code templates}, as {@code RouteTable} builds it. */
    public static RouteTrie trie(List<String> templates) {
        RouteTrie trie = new RouteTrie();
        for (String template : templates) {
            trie.target(PathTemplate.parse(template));
        }
        return trie;
    }
}
