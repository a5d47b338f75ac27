package io.nettle.security;

import io.nettle.http.HttpException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Slows down password guessing: failed attempts are counted per account and per client address
 * (as the trusted-proxy settings see it, {@code request.client().host()}), each over a window;
 * once either reaches its limit, attempts are answered {@code 429} with {@code Retry-After} until
 * the window ends, right credentials included. A success forgets the account's count.
 * <pre>{@code
 * Throttle logins = Throttle.builder().build();     // 10 per account, 100 per client, per 15 minutes
 * Route.post("/login", request -> request.form().thenCompose(form -> {
 *     String user = form.get("username").orElse(""), client = request.client().host();
 *     return logins.check(user, client).thenCompose(allowed -> passwords.verify(user, form.get("password").orElse(""))
 *         .thenCompose(ok -> ok ? logins.succeeded(user).thenApply(done -> signIn(request, user))
 *                               : logins.failed(user, client).thenApply(done -> wrongPassword())));
 * }))
 * }</pre>
 * {@link #check} and {@link #failed} fail their stage with {@link #tooManyAttempts} (the 429)
 * when a limit is reached; a store that fails makes them fail with {@code 503}: closed, never
 * open. Memory is bounded by the store ({@link ThrottleStore#inMemory(int)}).
 */
public final class Throttle {
    private final int perAccount;
    private final Duration accountWindow;
    private final int perClient;
    private final Duration clientWindow;
    private final ThrottleStore store;
    private final Clock clock;

    private Throttle(Builder b) {
        this.perAccount = b.perAccount;
        this.accountWindow = b.accountWindow;
        this.perClient = b.perClient;
        this.clientWindow = b.clientWindow;
        this.store = b.store;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The 429 of a throttled attempt, with {@code Retry-After} in whole seconds (at least 1). */
    public static HttpException tooManyAttempts(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new HttpException(429, "Too many failed attempts, try again later", Map.of("Retry-After", String.valueOf(seconds)));
    }

    /**
     * Completes when {@code account} may be tried from {@code client} now; fails with the 429 (or
     * 503) otherwise. A {@code null} account (credentials that name none: an API key, a token)
     * is throttled by its client only.
     */
    public CompletionStage<Void> check(String account, String client) {
        Instant now = clock.instant();
        return closed(count(account, now, false).thenCombine(store.peek(clientKey(client), now), (byAccount, byClient) -> {
            refuseIfOver(byAccount, perAccount, now);
            refuseIfOver(byClient, perClient, now);
            return null;
        }));
    }

    /** Counts a failed attempt; fails with the 429 when this one reached a limit (so the last guess is answered 429 too). */
    public CompletionStage<Void> failed(String account, String client) {
        Instant now = clock.instant();
        return closed(count(account, now, true).thenCombine(store.hit(clientKey(client), clientWindow, now), (byAccount, byClient) -> {
            refuseIfOver(byAccount, perAccount, now);
            refuseIfOver(byClient, perClient, now);
            return null;
        }));
    }

    /** The account's count (one more when {@code hit}); none for a {@code null} account. */
    private CompletionStage<ThrottleStore.Count> count(String account, Instant now, boolean hit) {
        if (account == null) {
            return CompletableFuture.completedFuture(new ThrottleStore.Count(0, now));
        }
        return hit ? store.hit(accountKey(account), accountWindow, now) : store.peek(accountKey(account), now);
    }

    /** A successful attempt: the account's count starts again (the client's stays); nothing for a {@code null} account. */
    public CompletionStage<Void> succeeded(String account) {
        return account == null ? CompletableFuture.completedFuture(null) : closed(store.reset(accountKey(account)));
    }

    private static void refuseIfOver(ThrottleStore.Count count, int limit, Instant now) {
        if (count.count() >= limit) {
            throw tooManyAttempts(Duration.between(now, count.windowEnds()));
        }
    }

    /** {@code stage}, its store failures made a 503 (a throttle fails closed); its 429 as it is. */
    private static CompletionStage<Void> closed(CompletionStage<Void> stage) {
        return stage.handle((ok, failure) -> {
            if (failure == null) {
                return null;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof HttpException http) {
                throw http;
            }
            throw new HttpException(503, "Sign-in is unavailable, try again later");
        });
    }

    private static String accountKey(String account) {
        return "account:" + account;
    }

    private static String clientKey(String client) {
        return "client:" + client;
    }

    /** Options of a {@link Throttle}. */
    public static final class Builder {
        private int perAccount = 10;
        private Duration accountWindow = Duration.ofMinutes(15);
        private int perClient = 100;
        private Duration clientWindow = Duration.ofMinutes(15);
        private ThrottleStore store;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** At most {@code failures} failed attempts for one account per {@code window}. Default: 10 per 15 minutes. */
        public Builder perAccount(int failures, Duration window) {
            this.perAccount = positive(failures);
            this.accountWindow = Objects.requireNonNull(window, "window");
            return this;
        }

        /** At most {@code failures} failed attempts from one client address per {@code window}. Default: 100 per 15 minutes. */
        public Builder perClient(int failures, Duration window) {
            this.perClient = positive(failures);
            this.clientWindow = Objects.requireNonNull(window, "window");
            return this;
        }

        /** Where attempts are counted. Default: {@code ThrottleStore.inMemory(100_000)}. */
        public Builder store(ThrottleStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The clock of the windows; tests may give their own. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Throttle build() {
            if (store == null) {
                store = ThrottleStore.inMemory(100_000);
            }
            return new Throttle(this);
        }

        private static int positive(int value) {
            if (value <= 0) {
                throw new IllegalArgumentException("a limit must be positive, was " + value);
            }
            return value;
        }
    }
}
