package io.nettle.internal.http1;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code Date} header line in IMF-fixdate form (RFC 9110 §5.6.7), formatted at most once
 * per second for the whole server.
 */
final class DateHeader {
    private static final DateTimeFormatter IMF_FIXDATE =
        DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static volatile Cached cached = new Cached(-1, new byte[0]);

    private record Cached(long second, byte[] line) {
    }

    private DateHeader() {
    }

    /** The bytes {@code date: <IMF-fixdate>\r\n} for {@code second} since the epoch; shared, do not change them. */
    static byte[] line(long second) {
        Cached c = cached;
        if (c.second() != second) {
            String line = "date: " + IMF_FIXDATE.format(Instant.ofEpochSecond(second)) + "\r\n";
            c = new Cached(second, line.getBytes(StandardCharsets.US_ASCII));
            cached = c;
        }
        return c.line();
    }
}
