package io.nettle.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/** HTTP status codes: validation and standard reason phrases. */
public final class Status {
    private Status() {
    }

    /** The standard reason phrase of {@code status}, e.g. {@code "Not Found"} for 404. */
    public static String reasonPhrase(int status) {
        check(status);
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }

    /**
     * Checks that {@code status} is a valid final status code (200..599) or an informational
     * or 1xx code allowed on the wire.
     *
     * @throws IllegalArgumentException when it is outside 100..599
     */
    public static int check(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be within 100..599, was " + status);
        }
        return status;
    }
}
