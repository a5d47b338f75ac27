package io.nettle.internal.routing;

import java.math.BigDecimal;
import java.util.UUID;

/** The path parameter converters: each matches one decoded segment (or the rest, for {@code path}) and converts it. */
enum Converter {
    STR {
        @Override
        Object convert(String segment) {
            return segment.isEmpty() ? null : segment;
        }
    },
    INT {
        @Override
        Object convert(String segment) {
            int n = segment.length();
            if (n == 0 || n > 18) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                char c = segment.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
            }
            return Long.parseLong(segment);
        }
    },
    FLOAT {
        @Override
        Object convert(String segment) {
            int dot = segment.indexOf('.');
            String whole = dot < 0 ? segment : segment.substring(0, dot);
            String fraction = dot < 0 ? "1" : segment.substring(dot + 1);
            if (segment.length() > 64 || !digits(whole) || !digits(fraction)) {
                return null;
            }
            return Double.parseDouble(segment);
        }

        /** Plain decimal notation, no exponent and no trailing zeros: 2.0 is {@code 2}, 1e20 is all its digits. */
        @Override
        String toPath(Object value) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return String.valueOf(d);
            }
            return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        }
    },
    UUID {
        @Override
        Object convert(String segment) {
            if (segment.length() != 36) {
                return null;
            }
            for (int i = 0; i < 36; i++) {
                char c = segment.charAt(i);
                boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
                if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                    return null;
                }
            }
            return java.util.UUID.fromString(segment);
        }
    },
    PATH {
        @Override
        Object convert(String rest) {
            return rest;
        }
    };

    /** The converted value, or {@code null} when the segment does not match. */
    abstract Object convert(String segment);

    /** The value as it appears in a path (before percent-encoding). */
    String toPath(Object value) {
        return value instanceof UUID ? value.toString() : String.valueOf(value);
    }

    /** The converter of a template, by its name. */
    static Converter named(String name) {
        return switch (name) {
            case "str" -> STR;
            case "int" -> INT;
            case "float" -> FLOAT;
            case "uuid" -> UUID;
            case "path" -> PATH;
            default -> null;
        };
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
