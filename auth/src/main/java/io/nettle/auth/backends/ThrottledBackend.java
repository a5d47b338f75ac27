package io.nettle.auth.backends;

import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationError;
import io.nettle.http.Connection;
import io.nettle.security.Throttle;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A backend whose failed attempts a {@link Throttle} counts, per account (when the credentials
 * name one, as HTTP Basic's user name) and per client address: past a limit, attempts are answered
 * {@code 429} with {@code Retry-After} before the credentials are even checked. A failure is a
 * refusal ({@code AuthenticationError}) or credentials that authenticate no one (Basic answers a
 * wrong password with anonymous); a request without credentials is not counted.
 * <pre>{@code
 * Throttle guesses = Throttle.builder().build();
 * new AuthenticationMiddleware(new ThrottledBackend(new BasicAuthBackend(verifier), guesses, ThrottledBackend.basicUser()))
 * new AuthenticationMiddleware(new ThrottledBackend(apiKeys, guesses, connection -> Optional.empty()))   // by client only
 * }</pre>
 */
public final class ThrottledBackend implements AuthenticationBackend {
    private final AuthenticationBackend backend;
    private final Throttle throttle;
    private final Function<Connection, Optional<String>> account;

    /** {@code backend} throttled by {@code throttle}, counting per the account {@code account} reads from the request. */
    public ThrottledBackend(AuthenticationBackend backend, Throttle throttle, Function<Connection, Optional<String>> account) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.account = Objects.requireNonNull(account, "account");
    }

    /** The user name of {@code Authorization: Basic} credentials, when there are such. */
    public static Function<Connection, Optional<String>> basicUser() {
        return connection -> connection.header("Authorization")
            .filter(value -> value.regionMatches(true, 0, "Basic ", 0, 6))
            .flatMap(value -> {
                try {
                    String decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
                    int colon = decoded.indexOf(':');
                    return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(0, colon));
                } catch (IllegalArgumentException malformed) {
                    return Optional.empty();
                }
            });
    }

    @Override
    public CompletionStage<Optional<AuthResult>> authenticate(Connection connection) {
        if (connection.header("Authorization").isEmpty() && connection.header("X-API-Key").isEmpty() && account.apply(connection).isEmpty()) {
            return attempt(connection);
        }
        String user = account.apply(connection).orElse(null);
        String client = connection.client().host();
        return throttle.check(user, client)
            .thenCompose(allowed -> attempt(connection))
            .handle((found, failure) -> {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof AuthenticationError refused) {
                    return throttle.failed(user, client).thenCompose(counted -> CompletableFuture.<Optional<AuthResult>>failedFuture(refused));
                }
                if (cause != null) {
                    return CompletableFuture.<Optional<AuthResult>>failedFuture(cause);
                }
                // Credentials that authenticate no one (HTTP Basic answers a wrong password with anonymous) are a failure too.
                return found.isPresent() ? throttle.succeeded(user).thenApply(done -> found) : throttle.failed(user, client).thenApply(counted -> found);
            })
            .thenCompose(Function.identity());
    }

    /** The wrapped backend's challenges: throttling changes no scheme. */
    @Override
    public List<String> challenges() {
        return backend.challenges();
    }

    /** The backend's answer, a synchronous throw made a failed stage. */
    private CompletionStage<Optional<AuthResult>> attempt(Connection connection) {
        try {
            return backend.authenticate(connection);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
