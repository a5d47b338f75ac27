package io.nettle.examples;

import static io.nettle.auth.Guard.requires;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.http.EventStream;
import io.nettle.http.HttpException;
import io.nettle.http.Response;
import io.nettle.http.ServerSentEvent;
import io.nettle.middleware.Middleware;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Routable;
import io.nettle.routing.Route;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-sent events for signed-in users: {@code GET /events} requires {@code authenticated}
 * (HTTP Basic, the demo users) and sends a {@code tick} event every second, its {@code id}
 * counting up from 1, its data the time. A client that reconnects with {@code Last-Event-ID: 5}
 * goes on from 6. The page at {@code GET /} (which asks for the password, as the chat's does, so
 * that the browser sends it with the page's {@code EventSource} too) shows the ticks.
 * <pre>
 * java -jar nettle-examples.jar events, open http://127.0.0.1:8000/ and sign in as tom / secret
 * curl -N -u tom:secret localhost:8000/events
 * curl -N -u tom:secret -H 'Last-Event-ID: 5' localhost:8000/events      -> from id 6
 * curl -i localhost:8000/events                                           -> 403
 * </pre>
 * Each stream has its task on one scheduler thread shared by all streams, which only hands
 * events to the thread-safe {@link EventStream} (never an event loop's thread, never blocking);
 * the task is cancelled as soon as {@link EventStream#closed()} says the client left. A client so
 * slow that {@value EventStream#MAX_QUEUED} events wait for it is dropped.
 */
public final class EventsExample {
    /** How often a tick goes out. */
    static final Duration PERIOD = Duration.ofSeconds(1);

    public static void main(String[] argv) throws InterruptedException {
        Arguments args = Arguments.parse(argv);
        try (Server server = app(args.settings()).serve(args.host(), args.port())) {
            args.printStarted("events", server);
            server.awaitShutdown();
        }
    }

    public static App app(ServerSettings settings) {
        return app(settings, new Ticker(PERIOD));
    }

    /** The example with its own {@code ticker}, e.g. a faster one in tests. */
    static App app(ServerSettings settings, Ticker ticker) {
        return App.builder().settings(settings).middleware(middleware()).route(routes(ticker)).build();
    }

    public static Routable[] routes() {
        return routes(new Ticker(PERIOD));
    }

    static Routable[] routes(Ticker ticker) {
        String page = Html.resource("events.html");
        return new Routable[] {
            Route.get("/", Endpoint.sync(request -> {
                if (!request.user().isAuthenticated()) {
                    throw new HttpException(401, "Sign in to see the events", Map.of("WWW-Authenticate", "Basic realm=\"events\""));
                }
                return Response.html(page);
            })),
            Route.get("/events", requires("authenticated", Endpoint.sync(request -> {
                long after = request.header("Last-Event-ID").filter(id -> id.matches("[0-9]{1,18}")).map(Long::parseLong).orElse(0L);
                return Response.events(stream -> ticker.start(stream, after));
            })))};
    }

    /** HTTP Basic over the demo users. */
    public static Middleware middleware() {
        return new AuthenticationMiddleware(DemoUsers.basic());
    }

    /** Sends ticks to event streams, every {@code period}, until each stream is over. */
    static final class Ticker {
        /** One thread for every stream's ticks: it only queues events, which never blocks. */
        private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "events-ticker");
            thread.setDaemon(true);
            return thread;
        });

        private final Duration period;
        private final AtomicInteger running = new AtomicInteger();

        Ticker(Duration period) {
            this.period = Objects.requireNonNull(period, "period");
        }

        /** Sends {@code stream} a tick at once and then every period, ids from {@code after + 1}, until it closes. */
        void start(EventStream stream, long after) {
            AtomicLong id = new AtomicLong(after);
            running.incrementAndGet();
            ScheduledFuture<?> ticks = SCHEDULER.scheduleAtFixedRate(() -> tick(stream, id.incrementAndGet()),
                0, period.toNanos(), TimeUnit.NANOSECONDS);
            stream.closed().thenRun(() -> {
                ticks.cancel(false);
                running.decrementAndGet();
            });
        }

        private static void tick(EventStream stream, long id) {
            if (!stream.isOpen()) {
                return;   // closed() is about to cancel this task
            }
            try {
                stream.send(ServerSentEvent.of(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                        .withEvent("tick").withId(Long.toString(id)))
                    .exceptionally(failure -> {
                        stream.close();   // the client left, or let 256 events wait: done with it
                        return null;
                    });
            } catch (RuntimeException e) {
                stream.close();           // never let it escape: it would silently end this task
            }
        }

        /** The streams ticking now. */
        int running() {
            return running.get();
        }
    }
}
