package io.nettle.internal.exchange;

import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code Date} header line in IMF-fixdate form (RFC 9110 §5.6.7), formatted at most once
 * per second for the whole server.
 */
public final class DateHeader {
    private static final DateTimeFormatter IMF_FIXDATE =
        DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static volatile Cached cached = new Cached(-1, new byte[0], AsciiString.EMPTY_STRING);

    private record Cached(long second, byte[] line, AsciiString value) {
    }

    private DateHeader() {
    }

    /** The bytes {@code date: <IMF-fixdate>\r\n} for {@code second} since the epoch; shared, do not change them. */
    public static byte[] line(long second) {
        return at(second).line();
    }

    /** The value alone, {@code <IMF-fixdate>}, for {@code second} since the epoch (an HTTP/2 header). */
    public static AsciiString value(long second) {
        return at(second).value();
    }

    private static Cached at(long second) {
        Cached c = cached;
        if (c.second() != second) {
            String value = IMF_FIXDATE.format(Instant.ofEpochSecond(second));
            c = new Cached(second, ("date: " + value + "\r\n").getBytes(StandardCharsets.US_ASCII), new AsciiString(value));
            cached = c;
        }
        return c;
    }
}
