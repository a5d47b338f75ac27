package io.nettle.internal.files;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The validators of a file's representation, {@code ETag} and {@code Last-Modified}, and the
 * conditional requests they answer (RFC 9110 §13): {@code If-None-Match} (then
 * {@code If-Modified-Since} only without it) for {@code 304}, {@code If-Range} for ranges.
 *
 * @param etag         the entity tag, quoted
 * @param lastModified when the file last changed, in whole seconds
 */
record Validators(String etag, Instant lastModified) {

    /** The validators of a file of {@code size} bytes changed at {@code modified}, sent with {@code encoding} ({@code null}: as is). */
    static Validators of(long size, Instant modified, String encoding) {
        Instant seconds = Instant.ofEpochSecond(modified.getEpochSecond());
        String tag = Long.toHexString(size) + "-" + Long.toHexString(modified.toEpochMilli()) + (encoding == null ? "" : "-" + encoding);
        return new Validators("\"" + tag + "\"", seconds);
    }

    /** {@link #lastModified} as an HTTP date. */
    String lastModifiedHeader() {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified.atZone(ZoneOffset.UTC));
    }

    /** Whether a {@code GET} or {@code HEAD} with these conditions is answered {@code 304}. */
    boolean notModified(String ifNoneMatch, String ifModifiedSince) {
        if (ifNoneMatch != null) {
            return matches(ifNoneMatch);
        }
        Instant since = date(ifModifiedSince);
        return since != null && !lastModified.isAfter(since);
    }

    /** Whether a range may be sent under {@code ifRange} (absent, or naming this representation). */
    boolean rangeAllowed(String ifRange) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.trim();
        if (value.startsWith("\"")) {
            return value.equals(etag);
        }
        Instant date = date(value);
        return date != null && lastModified.equals(date);
    }

    /** Whether {@code header} ({@code *} or a list of tags, weak ones compared weakly) names this representation. */
    private boolean matches(String header) {
        for (String candidate : header.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.startsWith("W/") && tag.substring(2).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static Instant date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
