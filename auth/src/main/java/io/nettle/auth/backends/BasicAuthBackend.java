package io.nettle.auth.backends;

import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationError;
import io.nettle.http.Connection;
import io.nettle.security.PasswordHasher;
import io.nettle.security.Secrets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * HTTP Basic authentication (<a href="https://www.rfc-editor.org/rfc/rfc7617">RFC 7617</a>),
 * parsed exactly as in Starlette's guide, with a pluggable {@link Verifier}:
 * <ul>
 *   <li>no {@code Authorization} header: anonymous;</li>
 *   <li>more than one {@code Authorization} header: {@code AuthenticationError} (ambiguous, refused);</li>
 *   <li>a value that is not exactly two whitespace-separated parts: {@code AuthenticationError("Invalid basic auth credentials")};</li>
 *   <li>a scheme other than {@code basic} (any case): anonymous, so another backend of a chain may take it;</li>
 *   <li>credentials that are not strict base64 of ASCII text: the same error;</li>
 *   <li>otherwise {@code user:password} (split on the first colon) goes to the verifier, whose
 *       empty answer means anonymous.</li>
 * </ul>
 * A user the verifier accepts has the scope {@code authenticated}, added when its result
 * leaves it out. The backend's challenge is {@code Basic realm="<realm>", charset="UTF-8"}
 * (default realm {@value #DEFAULT_REALM}): a guard with {@code challenge()} answers an
 * anonymous request, a wrong password included, {@code 401} with it, and a browser asks for
 * a password.
 */
public final class BasicAuthBackend implements AuthenticationBackend {
    /** The message of every malformed-credentials error. */
    public static final String INVALID = "Invalid basic auth credentials";

    /** The realm of the challenge when none is given. */
    public static final String DEFAULT_REALM = "nettle";

    private final Verifier verifier;
    private final List<String> challenges;

    /** A backend over {@code verifier}, with the realm {@value #DEFAULT_REALM}. */
    public BasicAuthBackend(Verifier verifier) {
        this(verifier, DEFAULT_REALM);
    }

    /** A backend over {@code verifier}, whose challenge names {@code realm}. */
    public BasicAuthBackend(Verifier verifier, String realm) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.challenges = List.of("Basic realm=" + io.nettle.auth.Challenges.quoted(realm) + ", charset=\"UTF-8\"");
    }

    /** {@code Basic realm="<realm>", charset="UTF-8"} (RFC 7617). */
    @Override
    public List<String> challenges() {
        return challenges;
    }

    /**
     * Checks a username and password. {@link #verify(Connection, String, String)} is what the
     * backend calls, on the event loop: it must not block, so slow work (password hashing, a
     * user store) goes to {@code connection.runBlocking}, as {@link #hashes} does.
     */
    @FunctionalInterface
    public interface Verifier {
        /** The user for these credentials, or empty when they are wrong. */
        CompletionStage<Optional<AuthResult>> verify(String username, String password) throws Exception;

        /**
         * The user for these credentials on {@code connection}, or empty when they are wrong;
         * called on the connection's event loop. The default calls {@link #verify(String, String)}.
         */
        default CompletionStage<Optional<AuthResult>> verify(Connection connection, String username, String password) throws Exception {
            return verify(username, password);
        }

        /**
         * A verifier over stored password hashes ({@link PasswordHasher} PHC strings, Argon2id or
         * PBKDF2), checked with {@link PasswordHasher#argon2id()}: see {@link #hashes(PasswordHasher, Map, Function)}.
         */
        static Verifier hashes(Map<String, String> phcByUser, Function<String, AuthResult> results) {
            return hashes(PasswordHasher.argon2id(), phcByUser, results);
        }

        /**
         * A verifier over stored password hashes: {@code phcByUser} maps each username to the
         * PHC string of its password ({@link PasswordHasher#hash}); {@code results} gives the
         * result of a user whose password matched. Verification runs on the app's worker pool
         * ({@code connection.runBlocking}), never on an event loop; a full pool answers 503.
         * An unknown user costs a verification against a dummy hash of {@code hasher}'s
         * settings ({@link PasswordHasher#verifyUnknown}) and is then anonymous, exactly as a
         * wrong password, so the time taken does not tell who exists: make the stored hashes
         * with the same {@code hasher}.
         *
         * @throws IllegalArgumentException when a stored hash is not a PHC string {@link PasswordHasher} reads
         */
        static Verifier hashes(PasswordHasher hasher, Map<String, String> phcByUser, Function<String, AuthResult> results) {
            return new HashVerifier(hasher, phcByUser, results);
        }

        /**
         * A verifier over a fixed table of plain-text passwords, compared in constant time (an
         * unknown user costs the same comparison as a known one); {@code results} gives the
         * result for a user whose password matched.
         *
         * @deprecated for tests only: a real app never keeps passwords, only their hashes; use
         *     {@link #hashes(Map, Function)} with {@link PasswordHasher}.
         */
        @Deprecated
        static Verifier passwords(Map<String, String> passwordsByUser, Function<String, AuthResult> results) {
            Objects.requireNonNull(results, "results");
            Map<String, Account> accounts = new java.util.HashMap<>();
            passwordsByUser.forEach((user, password) -> accounts.put(user,
                new Account(Secrets.sha256(password), CompletableFuture.completedFuture(Optional.of(results.apply(user))))));
            return (username, password) -> {
                Account account = accounts.getOrDefault(username, Account.NOBODY);
                boolean match = Secrets.matchesDigest(password, account.digest());
                return match && account != Account.NOBODY ? account.found() : Account.NOT_FOUND;
            };
        }
    }

    /** {@link Verifier#hashes}: PasswordHasher on the worker pool, a dummy verification for an unknown user. */
    private static final class HashVerifier implements Verifier {
        private final PasswordHasher hasher;
        private final Map<String, String> hashes;
        private final Function<String, AuthResult> results;

        HashVerifier(PasswordHasher hasher, Map<String, String> phcByUser, Function<String, AuthResult> results) {
            this.hasher = Objects.requireNonNull(hasher, "hasher");
            this.results = Objects.requireNonNull(results, "results");
            this.hashes = Map.copyOf(phcByUser);
            hashes.forEach((user, phc) -> {
                try {
                    hasher.needsRehash(phc); // parses it
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the stored hash of user '" + user + "': " + e.getMessage(), e);
                }
            });
        }

        /** Verifies at once, on the calling thread: it blocks, so never call it on an event loop. */
        @Override
        public CompletionStage<Optional<AuthResult>> verify(String username, String password) {
            return CompletableFuture.completedFuture(check(username, password));
        }

        @Override
        public CompletionStage<Optional<AuthResult>> verify(Connection connection, String username, String password) throws Exception {
            return AuthenticationBackend.blocking(c -> check(username, password)).authenticate(connection);
        }

        private Optional<AuthResult> check(String username, String password) {
            char[] chars = password.toCharArray();
            try {
                String phc = hashes.get(username);
                if (phc == null) {
                    hasher.verifyUnknown(chars);
                    return Optional.empty();
                }
                return hasher.verify(chars, phc) ? Optional.of(results.apply(username)) : Optional.empty();
            } finally {
                java.util.Arrays.fill(chars, '\0');
            }
        }
    }

    /** A known user: the digest of the password and the (shared, already completed) result. */
    private record Account(byte[] digest, CompletableFuture<Optional<AuthResult>> found) {
        static final Account NOBODY = new Account(Secrets.sha256("\0no such user"), null);
        static final CompletableFuture<Optional<AuthResult>> NOT_FOUND = CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public CompletionStage<Optional<AuthResult>> authenticate(Connection connection) throws Exception {
        List<String> headers = connection.headers().getAll("Authorization");
        if (headers.isEmpty()) {
            return Account.NOT_FOUND;
        }
        if (headers.size() > 1) {
            throw new AuthenticationError("Multiple Authorization headers");
        }
        Optional<BasicCredentials> credentials = BasicCredentials.parse(headers.get(0));
        if (credentials.isEmpty()) {
            return Account.NOT_FOUND;
        }
        return verifier.verify(connection, credentials.get().username(), credentials.get().password())
            .thenApply(found -> found.map(AuthResult::withAuthenticated));
    }
}
