package io.nettle.internal;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The {@code Date} header value (RFC 9110 §6.6.1), formatted at most once per second. */
final class DateHeader {
    private static volatile Cached cached = new Cached(-1, "");

    private record Cached(long second, String value) {
    }

    private DateHeader() {
    }

    /** The value for {@code second} (since the epoch); cheap when it is the current second. */
    static String at(long second) {
        Cached c = cached;
        if (c.second() != second) {
            c = new Cached(second, DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(second), ZoneOffset.UTC)));
            cached = c;
        }
        return c.value();
    }
}
