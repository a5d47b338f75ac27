package io.nettle.internal.routing;

import io.nettle.http.PathParams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches decoded path segments against every route template in time that depends on the
 * path's length, not on the number of routes: a tree with one level per segment, literal
 * children found by hash. Where several templates could match, a literal segment wins over a
 * parameter, parameters are tried in the order their routes were added, and {@code path}
 * parameters come last; a branch that fails further down is backed out of. Parameter branches
 * are shared by converter, whatever the parameter's name (values are named by the matched
 * route), so two templates that match the same paths meet at one node and are refused.
 */
public final class RouteTrie {

    /** A successful match: the target and its converted parameters. */
    public record Match(RouteTarget target, PathParams params) {
    }

    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        final List<Edge> params = new ArrayList<>();
        RouteTarget target;
    }

    private record Edge(Converter converter, Node child) {
    }

    private final Node root = new Node();
    private final Map<String, RouteTarget> byTemplate = new LinkedHashMap<>();
    private int maxParams;

    /** The target for {@code template}, created (and inserted) on first use. */
    RouteTarget target(PathTemplate template) {
        RouteTarget existing = byTemplate.get(template.template());
        if (existing != null) {
            return existing;
        }
        Node node = root;
        for (PathTemplate.Segment s : template.segments()) {
            node = s.isParam() ? paramChild(node, s) : node.literals.computeIfAbsent(s.literal(), k -> new Node());
        }
        if (node.target != null) {
            throw new IllegalArgumentException("templates " + node.target.template() + " and " + template
                + " match the same paths; use one template");
        }
        RouteTarget target = new RouteTarget(template);
        node.target = target;
        byTemplate.put(template.template(), target);
        maxParams = Math.max(maxParams, target.paramNames().size());
        return target;
    }

    private static Node paramChild(Node node, PathTemplate.Segment s) {
        for (Edge edge : node.params) {
            if (edge.converter() == s.converter()) {
                return edge.child();
            }
        }
        Edge edge = new Edge(s.converter(), new Node());
        node.params.add(edge);
        return edge.child();
    }

    /** The match for {@code segments}, or {@code null} when no template matches. */
    public Match match(String[] segments) {
        Object[] values = maxParams == 0 ? null : new Object[maxParams];
        RouteTarget target = match(root, segments, 0, values, 0);
        if (target == null) {
            return null;
        }
        List<String> names = target.paramNames();
        if (names.isEmpty()) {
            return new Match(target, PathParams.empty());
        }
        Map<String, Object> params = new LinkedHashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            params.put(names.get(i), values[i]);
        }
        return new Match(target, PathParams.of(params));
    }

    private static RouteTarget match(Node node, String[] segments, int index, Object[] values, int depth) {
        if (index == segments.length) {
            return node.target;
        }
        String segment = segments[index];
        Node literal = node.literals.get(segment);
        if (literal != null) {
            RouteTarget found = match(literal, segments, index + 1, values, depth);
            if (found != null) {
                return found;
            }
        }
        for (Edge edge : node.params) {
            if (edge.converter() == Converter.PATH) {
                continue;
            }
            Object value = edge.converter().convert(segment);
            if (value != null) {
                RouteTarget found = match(edge.child(), segments, index + 1, values, depth + 1);
                if (found != null) {
                    values[depth] = value;
                    return found;
                }
            }
        }
        for (Edge edge : node.params) {
            if (edge.converter() == Converter.PATH && edge.child().target != null) {
                values[depth] = String.join("/", java.util.Arrays.asList(segments).subList(index, segments.length));
                return edge.child().target;
            }
        }
        return null;
    }

    /** Every target, in the order their templates were first added. */
    public Iterable<RouteTarget> targets() {
        return byTemplate.values();
    }
}
