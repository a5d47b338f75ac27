package io.nettle.examples;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTTP Basic credentials of the examples' demo users, as the tests send them. */
final class DemoLogin {
    private DemoLogin() {
    }

    /** The {@code Authorization} value for {@code credentials} ({@code user:password}). */
    static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
