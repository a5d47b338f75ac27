package io.nettle.internal.codec;

import java.util.Locale;

/**
 * What an {@code Accept-Encoding} header (RFC 9110 §12.5.3) allows: the q-value of a content
 * coding, {@code *} standing for any coding not named, {@code q=0} for "not acceptable".
 */
public final class AcceptEncoding {
    private AcceptEncoding() {
    }

    /** Whether {@code header} accepts {@code coding} (q above 0); no header accepts no coding. */
    public static boolean accepts(String header, String coding) {
        return quality(header, coding) > 0;
    }

    /** The q-value {@code header} gives {@code coding}, named or through {@code *}: 0 when not accepted. */
    public static double quality(String header, String coding) {
        double named = named(header, coding);
        return named >= 0 ? named : Math.max(named(header, "*"), 0);
    }

    /** The highest q-value {@code header} names {@code coding} with (its {@code x-} alias too), or -1 when it does not name it. */
    public static double named(String header, String coding) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        double named = -1;
        for (String element : header.split(",")) {
            String[] parts = element.split(";");
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            if (name.equals(coding) || name.equals("x-" + coding)) {
                named = Math.max(named, quality(parts));
            }
        }
        return named;
    }

    /** The q-value of an element's parameters (1 when absent, 0 when malformed). */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
                try {
                    double q = Double.parseDouble(parameter.substring(2).trim());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
