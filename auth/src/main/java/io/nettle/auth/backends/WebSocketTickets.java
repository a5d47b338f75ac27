package io.nettle.auth.backends;

import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.auth.AuthenticationError;
import io.nettle.http.Connection;
import io.nettle.http.Request;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WebSocket authentication for browsers, which cannot add {@code Authorization} to a WebSocket
 * handshake: the page asks an authenticated HTTP endpoint for a short-lived, single-use ticket
 * and opens the WebSocket with it in the query string.
 * <pre>{@code
 * WebSocketTickets tickets = WebSocketTickets.builder().build();          // 30 s, 10 000 outstanding
 * App.builder()
 *     .middleware(new AuthenticationMiddleware(AuthenticationBackend.chain(jwt, tickets.backend())))
 *     .route(Route.post("/ws-ticket", requires("authenticated", Endpoint.sync(request ->
 *         Response.json(Map.of("ticket", tickets.issue(request)))))))
 *     .route(WebSocketRoute.of("/ws", requires("authenticated").wrapWebSocket(ws -> ...)));
 * }</pre>
 * In the page:
 * <pre>{@code
 * const {ticket} = await (await fetch("/ws-ticket", {method: "POST", headers: {Authorization: "Bearer " + token}})).json();
 * const ws = new WebSocket(`wss://${location.host}/ws?ticket=${encodeURIComponent(ticket)}`);
 * }</pre>
 * <ul>
 *   <li>A ticket is 256 random bits, bound to the user and scopes of the request that asked for
 *       it, and valid for one handshake within its lifetime (default 30 s): a second use, an
 *       expired or an unknown ticket is refused ({@code AuthenticationError}, close {@code 1008}).</li>
 *   <li>The backend reads {@code ?ticket=} of WebSocket handshakes only: a ticket never
 *       authenticates a plain HTTP request. A handshake without a ticket is anonymous, so that a
 *       chain may try another backend (a session cookie, for example).</li>
 *   <li>Tickets live in memory, in this instance only: at most {@code capacity} outstanding
 *       (expired ones are dropped first); beyond that {@link #issue} refuses with
 *       {@link IllegalStateException} rather than dropping tickets already given out.</li>
 *   <li>Ask for a ticket with {@code POST}: a {@code GET} response might be cached. The
 *       WebSocket origin check still applies to the handshake.</li>
 * </ul>
 */
public final class WebSocketTickets {
    /** The message of every refused ticket. */
    public static final String INVALID = "Invalid WebSocket ticket";
    /** The query parameter carrying the ticket. */
    public static final String PARAMETER = "ticket";
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Ticket(AuthResult result, Instant expires) {
    }

    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final Duration lifetime;
    private final int capacity;
    private final Clock clock;

    private WebSocketTickets(Builder b) {
        this.lifetime = b.lifetime;
        this.capacity = b.capacity;
        this.clock = b.clock;
    }

    /** A builder: 30 s tickets, at most 10 000 outstanding. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A new ticket for the user of {@code request}, with its scopes.
     *
     * @throws IllegalStateException when the request is not authenticated, or when
     *                               {@code capacity} tickets are outstanding
     */
    public String issue(Request request) {
        if (!request.user().isAuthenticated()) {
            throw new IllegalStateException("a WebSocket ticket is for an authenticated request only");
        }
        return issue(new AuthResult(request.auth(), request.user()));
    }

    /**
     * A new ticket for {@code result}.
     *
     * @throws IllegalStateException when {@code capacity} tickets are outstanding
     */
    public String issue(AuthResult result) {
        Objects.requireNonNull(result, "result");
        if (outstanding.incrementAndGet() > capacity) {
            outstanding.decrementAndGet();
            dropExpired();
            if (outstanding.incrementAndGet() > capacity) {
                outstanding.decrementAndGet();
                throw new IllegalStateException("too many outstanding WebSocket tickets");
            }
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tickets.put(ticket, new Ticket(result, clock.instant().plus(lifetime)));
        return ticket;
    }

    /** How many tickets are held, expired ones not yet dropped included. */
    public int outstanding() {
        return outstanding.get();
    }

    /**
     * The backend for WebSocket handshakes carrying {@code ?ticket=}: the ticket's user and
     * scopes, once; anonymous without a ticket or for a plain HTTP request.
     */
    public AuthenticationBackend backend() {
        return connection -> CompletableFuture.completedFuture(redeem(connection));
    }

    private Optional<AuthResult> redeem(Connection connection) {
        if (!isWebSocketHandshake(connection)) {
            return Optional.empty();
        }
        List<String> values = connection.queryParams().getAll(PARAMETER);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new AuthenticationError(INVALID);
        }
        Ticket ticket = tickets.remove(values.get(0));
        if (ticket == null) {
            throw new AuthenticationError(INVALID);
        }
        outstanding.decrementAndGet();
        if (!clock.instant().isBefore(ticket.expires())) {
            throw new AuthenticationError(INVALID);
        }
        return Optional.of(ticket.result());
    }

    private void dropExpired() {
        Instant now = clock.instant();
        tickets.entrySet().removeIf(entry -> {
            boolean expired = !now.isBefore(entry.getValue().expires());
            if (expired) {
                outstanding.decrementAndGet();
            }
            return expired;
        });
    }

    /** An HTTP/1.1 WebSocket upgrade: {@code Upgrade: websocket} and {@code Connection: upgrade}. */
    private static boolean isWebSocketHandshake(Connection connection) {
        return hasToken(connection.headers().getAll("Upgrade"), "websocket")
            && hasToken(connection.headers().getAll("Connection"), "upgrade");
    }

    private static boolean hasToken(List<String> values, String token) {
        for (String value : values) {
            for (String part : value.split(",")) {
                if (part.strip().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "WebSocketTickets[" + lifetime + ", " + capacity + "]";
    }

    /** Options of {@link WebSocketTickets}. */
    public static final class Builder {
        private Duration lifetime = Duration.ofSeconds(30);
        private int capacity = 10_000;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** How long a ticket may wait for its handshake. Default: 30 s. */
        public Builder lifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "lifetime");
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("the lifetime must be positive");
            }
            this.lifetime = lifetime;
            return this;
        }

        /** At most this many tickets outstanding. Default: 10 000. */
        public Builder capacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("the capacity must be positive");
            }
            this.capacity = capacity;
            return this;
        }

        /** The clock of expiries. Default: the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The tickets. */
        public WebSocketTickets build() {
            return new WebSocketTickets(this);
        }
    }
}
