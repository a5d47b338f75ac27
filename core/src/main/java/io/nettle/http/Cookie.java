package io.nettle.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A cookie to set on a response ({@link Response#withCookie(Cookie)}), rendered as one
 * {@code Set-Cookie} line (<a href="https://www.rfc-editor.org/rfc/rfc6265#section-4.1">RFC 6265 §4.1</a>).
 *
 * <pre>{@code
 * Cookie.of("session", token).httpOnly(true).secure(true).sameSite(SameSite.LAX).maxAge(Duration.ofHours(1))
 * }</pre>
 * Defaults: path {@code /}, no domain, no Max-Age (a session cookie), not Secure, not HttpOnly,
 * no SameSite attribute. Names and values are checked when the cookie is made: a character that
 * RFC 6265 forbids is an {@link IllegalArgumentException}, never a header injection.
 */
public final class Cookie {
    /** The {@code SameSite} attribute. */
    public enum SameSite { STRICT, LAX, NONE }

    private final String name;
    private final String value;
    private final Long maxAgeSeconds;
    private final String path;
    private final String domain;
    private final boolean secure;
    private final boolean httpOnly;
    private final SameSite sameSite;

    private Cookie(String name, String value, Long maxAgeSeconds, String path, String domain,
                   boolean secure, boolean httpOnly, SameSite sameSite) {
        this.name = name;
        this.value = value;
        this.maxAgeSeconds = maxAgeSeconds;
        this.path = path;
        this.domain = domain;
        this.secure = secure;
        this.httpOnly = httpOnly;
        this.sameSite = sameSite;
    }

    /** A cookie {@code name=value} with path {@code /}. */
    public static Cookie of(String name, String value) {
        return new Cookie(checkName(name), checkValue(value), null, "/", null, false, false, null);
    }

    /** A cookie that tells the browser to delete {@code name} at path {@code /}: empty value, {@code Max-Age=0}. */
    public static Cookie delete(String name) {
        return of(name, "").maxAge(Duration.ZERO);
    }

    /** This cookie with {@code Max-Age}; zero or negative deletes it in the browser. */
    public Cookie maxAge(Duration maxAge) {
        return new Cookie(name, value, Math.max(0, maxAge.getSeconds()), path, domain, secure, httpOnly, sameSite);
    }

    /** This cookie with another {@code Path}. */
    public Cookie path(String path) {
        return new Cookie(name, value, maxAgeSeconds, checkAttribute(path), domain, secure, httpOnly, sameSite);
    }

    /** This cookie with a {@code Domain}. */
    public Cookie domain(String domain) {
        return new Cookie(name, value, maxAgeSeconds, path, checkAttribute(domain), secure, httpOnly, sameSite);
    }

    /** This cookie with or without {@code Secure}. */
    public Cookie secure(boolean secure) {
        return new Cookie(name, value, maxAgeSeconds, path, domain, secure, httpOnly, sameSite);
    }

    /** This cookie with or without {@code HttpOnly}. */
    public Cookie httpOnly(boolean httpOnly) {
        return new Cookie(name, value, maxAgeSeconds, path, domain, secure, httpOnly, sameSite);
    }

    /** This cookie with a {@code SameSite} attribute. {@code NONE} requires {@code Secure} in browsers. */
    public Cookie sameSite(SameSite sameSite) {
        return new Cookie(name, value, maxAgeSeconds, path, domain, secure, httpOnly, Objects.requireNonNull(sameSite));
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    public Optional<Duration> maxAge() {
        return Optional.ofNullable(maxAgeSeconds).map(Duration::ofSeconds);
    }

    /** The value of a {@code Set-Cookie} header for this cookie. */
    public String toSetCookieHeader() {
        StringBuilder sb = new StringBuilder(64).append(name).append('=').append(value);
        if (maxAgeSeconds != null) {
            sb.append("; Max-Age=").append(maxAgeSeconds);
        }
        if (path != null) {
            sb.append("; Path=").append(path);
        }
        if (domain != null) {
            sb.append("; Domain=").append(domain);
        }
        if (secure) {
            sb.append("; Secure");
        }
        if (httpOnly) {
            sb.append("; HttpOnly");
        }
        if (sameSite != null) {
            sb.append("; SameSite=").append(switch (sameSite) {
                case STRICT -> "Strict";
                case LAX -> "Lax";
                case NONE -> "None";
            });
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Cookie[" + name + "]";
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a cookie name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("invalid character in cookie name: " + name);
            }
        }
        return name;
    }

    private static String checkValue(String value) {
        Objects.requireNonNull(value, "value");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 127 || c == '"' || c == ',' || c == ';' || c == '\\') {
                throw new IllegalArgumentException(
                    "invalid character in the value of a cookie (code " + (int) c + "); encode it first, e.g. base64url");
            }
        }
        return value;
    }

    private static String checkAttribute(String attribute) {
        Objects.requireNonNull(attribute);
        for (int i = 0; i < attribute.length(); i++) {
            char c = attribute.charAt(i);
            if (c < ' ' || c >= 127 || c == ';') {
                throw new IllegalArgumentException("invalid character in cookie attribute: " + attribute);
            }
        }
        return attribute;
    }
}
