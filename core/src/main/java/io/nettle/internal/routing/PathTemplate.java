package io.nettle.internal.routing;

import io.nettle.internal.codec.PercentCodec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed path template such as {@code /users/{id:int}/files/{rest:path}}: literal segments and
 * parameter segments, checked once when the app is built.
 */
final class PathTemplate {

    /** One segment: a literal (converter {@code null}) or a parameter. */
    public record Segment(String literal, String param, Converter converter) {
        boolean isParam() {
            return converter != null;
        }
    }

    private final String template;
    private final List<Segment> segments;

    private PathTemplate(String template, List<Segment> segments) {
        this.template = template;
        this.segments = segments;
    }

    /**
     * Parses {@code template}.
     *
     * @throws IllegalArgumentException naming the template and what is wrong with it
     */
    public static PathTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw bad(template, "it must start with '/'");
        }
        List<Segment> segments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (template.length() > 1) {
            String[] parts = template.substring(1).split("/", -1);
            for (int i = 0; i < parts.length; i++) {
                Segment segment = segment(template, parts[i]);
                if (segment.isParam()) {
                    if (!names.add(segment.param())) {
                        throw bad(template, "parameter '" + segment.param() + "' appears twice");
                    }
                    if (segment.converter() == Converter.PATH && i != parts.length - 1) {
                        throw bad(template, "a {name:path} parameter must be the last segment");
                    }
                }
                segments.add(segment);
            }
        }
        return new PathTemplate(template, List.copyOf(segments));
    }

    private static Segment segment(String template, String part) {
        int open = part.indexOf('{');
        int close = part.indexOf('}');
        if (open < 0 && close < 0) {
            return new Segment(part, null, null);
        }
        if (open != 0 || close != part.length() - 1 || part.indexOf('{', 1) >= 0) {
            throw bad(template, "segment '" + part + "' must be either literal or exactly one {parameter}");
        }
        String inner = part.substring(1, part.length() - 1);
        int colon = inner.indexOf(':');
        String name = colon < 0 ? inner : inner.substring(0, colon);
        String converterName = colon < 0 ? "str" : inner.substring(colon + 1);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw bad(template, "invalid parameter name '" + name + "'");
        }
        Converter converter = Converter.named(converterName);
        if (converter == null) {
            throw bad(template, "unknown converter '" + converterName + "' (known: str, int, float, uuid, path)");
        }
        return new Segment(null, name, converter);
    }

    private static IllegalArgumentException bad(String template, String why) {
        return new IllegalArgumentException("Invalid path template '" + template + "': " + why);
    }

    /** The template text. */
    public String template() {
        return template;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** This template under a mount prefix. */
    public PathTemplate under(String prefix) {
        return parse(prefix + template);
    }

    /** The names of the parameters, in order. */
    public List<String> paramNames() {
        List<String> names = new ArrayList<>();
        for (Segment s : segments) {
            if (s.isParam()) {
                names.add(s.param());
            }
        }
        return names;
    }

    /**
     * The path for the given parameter values, each converted and percent-encoded.
     *
     * @throws IllegalArgumentException when a parameter is missing, unknown or does not fit its converter
     */
    public String expand(String routeName, Map<String, ?> values) {
        for (String given : values.keySet()) {
            if (!paramNames().contains(given)) {
                throw new IllegalArgumentException("route '" + routeName + "' (" + template + ") has no parameter '" + given + "'");
            }
        }
        if (segments.isEmpty()) {
            return "/";
        }
        StringBuilder path = new StringBuilder();
        for (Segment s : segments) {
            path.append('/');
            if (!s.isParam()) {
                path.append(PercentCodec.encodePathSegment(s.literal()));
                continue;
            }
            Object value = values.get(s.param());
            if (value == null) {
                throw new IllegalArgumentException("route '" + routeName + "' (" + template + ") needs parameter '" + s.param() + "'");
            }
            String text = s.converter().toPath(value);
            if (s.converter() != Converter.PATH && s.converter().convert(text) == null) {
                throw new IllegalArgumentException("value '" + text + "' does not fit {" + s.param() + ":"
                    + s.converter().name().toLowerCase(java.util.Locale.ROOT) + "} of route '" + routeName + "'");
            }
            if (s.converter() == Converter.PATH) {
                String[] parts = text.split("/", -1);
                for (int i = 0; i < parts.length; i++) {
                    path.append(i == 0 ? "" : "/").append(PercentCodec.encodePathSegment(parts[i]));
                }
            } else {
                path.append(PercentCodec.encodePathSegment(text));
            }
        }
        return path.toString();
    }

    @Override
    public String toString() {
        return template;
    }
}
