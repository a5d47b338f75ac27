package io.nettle.internal.codec;

import io.nettle.http.HttpException;
import io.nettle.http.Params;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code application/x-www-form-urlencoded} text: query strings and form bodies.
 * Pairs are separated by {@code &}; a pair without {@code =} has an empty value; empty pairs
 * are skipped. Malformed escapes are a 400.
 */
public final class ParamsParser {
    /** Most pairs accepted in one query string or form: more is a 400. */
    public static final int MAX_PAIRS = 1000;

    private ParamsParser() {
    }

    /** Parses {@code text}; {@code what} names it in error messages ("query string", "form body"). */
    public static Params parse(String text, String what) {
        if (text.isEmpty()) {
            return Params.empty();
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        int pairs = 0;
        int start = 0;
        int length = text.length();
        while (start <= length) {
            int end = text.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                if (++pairs > MAX_PAIRS) {
                    throw new HttpException(400, "Too many parameters in the " + what + " (at most " + MAX_PAIRS + ")");
                }
                int eq = text.indexOf('=', start);
                if (eq < 0 || eq > end) {
                    eq = end;
                }
                try {
                    String name = PercentCodec.decode(text, start, eq, true);
                    String value = eq < end ? PercentCodec.decode(text, eq + 1, end, true) : "";
                    values.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
                } catch (PercentCodec.MalformedException e) {
                    throw new HttpException(400, "Malformed " + what + ": " + e.getMessage());
                }
            }
            start = end + 1;
        }
        return Params.of(values);
    }
}
