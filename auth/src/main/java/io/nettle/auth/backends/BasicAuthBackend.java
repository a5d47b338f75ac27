package io.nettle.auth.backends;

import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationError;
import io.nettle.http.Connection;
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

    /** Checks a username and password; runs on the event loop, so it must not block. */
    @FunctionalInterface
    public interface Verifier {
        /** The user for these credentials, or empty when they are wrong. */
        CompletionStage<Optional<AuthResult>> verify(String username, String password) throws Exception;

        /**
         * A verifier over a fixed table of passwords, compared in constant time (an unknown
         * user costs the same comparison as a known one); {@code results} gives the result for
         * a user whose password matched.
         */
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
        return verifier.verify(credentials.get().username(), credentials.get().password())
            .thenApply(found -> found.map(AuthResult::withAuthenticated));
    }
}
