package io.nettle.auth.backends;

import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationError;
import io.nettle.http.Connection;
import io.nettle.security.Secrets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Authentication by a static API key, sent in a header (default {@code X-API-Key}) or, when
 * configured, a query parameter, and looked up among the keys given to the builder.
 * <pre>{@code
 * ApiKeyBackend keys = ApiKeyBackend.builder()
 *     .key(System.getenv("REPORTS_KEY"), AuthResult.user("reports", "authenticated", "reports:read"))
 *     .build();
 * App.builder().middleware(new AuthenticationMiddleware(keys))
 * }</pre>
 * <ul>
 *   <li>No key presented: anonymous, so another backend of a chain may take the connection.</li>
 *   <li>A key that is not configured (an empty one included):
 *       {@code AuthenticationError("Invalid API key")}, i.e. 400 with the default
 *       {@code onError} (configure a 401 there if you like). A client that sends a key expects
 *       it to work: treating it as anonymous would hide a revoked or mistyped key behind a
 *       confusing 403, and let a chain fall through to another backend. The key itself is
 *       never part of the message.</li>
 *   <li>More than one key (the header repeated, the parameter repeated, or both header and
 *       parameter): {@code AuthenticationError("Multiple API keys")}, refused as ambiguous.</li>
 * </ul>
 * Every key's result has the scope {@code authenticated} (added when the configured result
 * leaves it out). API keys have no standard {@code WWW-Authenticate} scheme: the backend has
 * no challenge unless {@link Builder#challenge} gives one (e.g. {@code ApiKey header="X-API-Key"}),
 * which a guard with {@code challenge()} then sends with its {@code 401}.
 * Keys are held and looked up by their SHA-256 digest, and the match confirmed with
 * {@link MessageDigest#isEqual}, so the time taken does not depend on how much of a key an
 * attacker guessed right. Query parameters end up in access logs and browser histories:
 * prefer the header, and enable the parameter only for clients that cannot set headers.
 */
public final class ApiKeyBackend implements AuthenticationBackend {
    /** The message of the error for a key that is not configured. */
    public static final String INVALID = "Invalid API key";
    /** The message of the error for a connection presenting more than one key. */
    public static final String MULTIPLE = "Multiple API keys";
    /** The header read when the builder names no source. */
    public static final String DEFAULT_HEADER = "X-API-Key";

    private final List<String> headers;
    private final List<String> queryParameters;
    private final Map<String, Entry> keysByDigest;
    private final List<String> challenges;

    private ApiKeyBackend(Builder b) {
        this.challenges = b.challenge == null ? List.of() : List.of(b.challenge);
        this.headers = List.copyOf(b.headers.isEmpty() && b.queryParameters.isEmpty() ? List.of(DEFAULT_HEADER) : b.headers);
        this.queryParameters = List.copyOf(b.queryParameters);
        this.keysByDigest = Map.copyOf(b.keys);
    }

    /** A builder; at least one key is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<Optional<AuthResult>> authenticate(Connection connection) {
        List<String> presented = new ArrayList<>(1);
        headers.forEach(name -> presented.addAll(connection.headers().getAll(name)));
        queryParameters.forEach(name -> presented.addAll(connection.queryParams().getAll(name)));
        if (presented.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (presented.size() > 1) {
            throw new AuthenticationError(MULTIPLE);
        }
        byte[] digest = Secrets.sha256(presented.get(0));
        Entry entry = keysByDigest.get(HexFormat.of().formatHex(digest));
        if (entry == null || !MessageDigest.isEqual(digest, entry.digest())) {
            throw new AuthenticationError(INVALID);
        }
        return CompletableFuture.completedFuture(Optional.of(entry.result()));
    }

    /** The challenge given to the builder, if any. */
    @Override
    public List<String> challenges() {
        return challenges;
    }

    @Override
    public String toString() {
        return "ApiKeyBackend[headers=" + headers + ", queryParameters=" + queryParameters
            + ", " + keysByDigest.size() + " keys]";
    }

    /** A configured key: its digest and the result it grants. */
    private record Entry(byte[] digest, AuthResult result) {
    }

    /** Options of an {@link ApiKeyBackend}, checked as they are given. */
    public static final class Builder {
        private final List<String> headers = new ArrayList<>();
        private final List<String> queryParameters = new ArrayList<>();
        private final Map<String, Entry> keys = new HashMap<>();
        private String challenge;

        private Builder() {
        }

        /**
         * The {@code WWW-Authenticate} challenge of the backend, a scheme of your own with its
         * parameters, e.g. {@code ApiKey header="X-API-Key"}. Default: none.
         */
        public Builder challenge(String challenge) {
            this.challenge = checkedChallenge(challenge);
            return this;
        }

        private static String checkedChallenge(String challenge) {
            Objects.requireNonNull(challenge, "challenge");
            String scheme = challenge.split(" ", 2)[0];
            token(scheme, "challenge scheme");
            if (challenge.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
                throw new IllegalArgumentException("a challenge cannot hold control characters");
            }
            return challenge;
        }

        /**
         * Reads the key from the header {@code name}. Default, when neither this nor
         * {@link #fromQueryParameter} is called: {@value ApiKeyBackend#DEFAULT_HEADER}.
         */
        public Builder fromHeader(String name) {
            headers.add(token(name, "header name"));
            return this;
        }

        /** Also (or only) reads the key from the query parameter {@code name}. Default: no query parameter. */
        public Builder fromQueryParameter(String name) {
            queryParameters.add(token(name, "query parameter name"));
            return this;
        }

        /** Accepts {@code key}, authenticating its bearer as {@code result}. */
        public Builder key(String key, AuthResult result) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(result, "result");
            if (key.isEmpty()) {
                throw new IllegalArgumentException("an API key must not be empty");
            }
            byte[] digest = Secrets.sha256(key);
            if (keys.putIfAbsent(HexFormat.of().formatHex(digest), new Entry(digest, result.withAuthenticated())) != null) {
                throw new IllegalArgumentException("the same API key was given twice");
            }
            return this;
        }

        /** Accepts each key of {@code results}; see {@link #key}. */
        public Builder keys(Map<String, AuthResult> results) {
            results.forEach(this::key);
            return this;
        }

        /**
         * The backend.
         *
         * @throws IllegalStateException when no key was given
         */
        public ApiKeyBackend build() {
            if (keys.isEmpty()) {
                throw new IllegalStateException("an ApiKeyBackend needs at least one key");
            }
            return new ApiKeyBackend(this);
        }

        private static String token(String name, String what) {
            Objects.requireNonNull(name, what);
            if (name.isBlank() || !name.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
                throw new IllegalArgumentException("invalid " + what + " '" + name + "'");
            }
            return name;
        }
    }
}
