package io.nettle.examples;

import static io.nettle.auth.Guard.requires;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.auth.SafeRedirects;
import io.nettle.auth.backends.SessionBackend;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.middleware.CsrfMiddleware;
import io.nettle.middleware.Middleware;
import io.nettle.middleware.SecurityHeadersMiddleware;
import io.nettle.middleware.SessionMiddleware;
import io.nettle.middleware.SessionStore;
import io.nettle.redis.Redis;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Routable;
import io.nettle.routing.Route;
import io.nettle.security.Throttle;
import io.nettle.security.ThrottleStore;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A browser login with a session cookie: {@code /account} sends visitors without a session to
 * the login form ({@code 303} to {@code /login?next=...}); {@code POST /login} checks the
 * password, stores the user in the signed session and sends them back to {@code next} (only
 * if it stays on this site, see {@code SafeRedirects}); {@code POST /logout} clears it.
 * <pre>
 * java -jar nettle-examples.jar session --port 8000
 * curl -i localhost:8000/account                                  -> 303 to /login?next=http%3A%2F%2F...%2Faccount
 * curl -i -c jar -d username=tom -d password=secret 'localhost:8000/login?next=/account'
 *                                                                 -> 303 to /account, Set-Cookie: session=...
 * curl -b jar localhost:8000/account                              -> the account page of tom
 * curl -i -b jar -X POST localhost:8000/logout                    -> 303 to /login, the cookie deleted
 * </pre>
 * The cookie is signed with {@code NETTLE_SESSION_SECRET} (at least 32 bytes, e.g.
 * {@code openssl rand -base64 48}); without it the example makes a random key at start and warns
 * that sessions will not survive a restart. Passwords are checked against Argon2id hashes
 * ({@link DemoUsers}), off the event loop. The session is signed, not
 * encrypted: it holds the username and scopes, nothing secret. The forms rely on the cookie's
 * {@code SameSite=Lax} against cross-site posts; add CSRF tokens where older browsers matter.
 * <p>
 * Sessions live on the server (the cookie holds a signed id), in this process by default or, with
 * {@code --redis redis://127.0.0.1:6379}, in Redis with the sign-in throttle's counts, so that
 * several instances behind a load balancer share them: a login on one holds on all, a logout on
 * one ends the session on all, and the tenth wrong password counts wherever it was typed. Start
 * every instance with the same {@code NETTLE_SESSION_SECRET}.
 */
public final class SessionExample {
    /** The signing key: {@code NETTLE_SESSION_SECRET}, else random, made once per process (with a warning). */
    private static final class Key {
        static final byte[] KEY = DevSecrets.fromEnvironment("NETTLE_SESSION_SECRET", "sessions");
    }

    public static void main(String[] argv) throws InterruptedException {
        Arguments args = Arguments.parse(argv);
        Optional<Redis> redis = args.connectRedis();
        App app = redis.map(shared -> app(args.settings(), shared.sessionStore(), shared.throttleStore())).orElseGet(() -> app(args.settings()));
        try (Server server = app.serve(args.host(), args.port())) {
            args.printStarted("session", server);
            server.awaitShutdown();
        } finally {
            redis.ifPresent(Redis::close);
        }
    }

    /** The example on one instance: sessions and throttle counts in this process. */
    public static App app(ServerSettings settings) {
        return app(settings, SessionStore.inMemory(100_000), ThrottleStore.inMemory(100_000));
    }

    /** The example with its sessions in {@code sessions} and its sign-in throttle counting in {@code attempts}. */
    public static App app(ServerSettings settings, SessionStore sessions, ThrottleStore attempts) {
        return App.builder().settings(settings).middleware(middleware(sessions)).route(routes(attempts)).build();
    }

    public static Routable[] routes(ThrottleStore attempts) {
        // Failed sign-ins: ten in a row for an account, or a hundred from a client, within 15 minutes.
        Throttle logins = Throttle.builder().store(attempts).build();
        return new Routable[] {
            Route.get("/", Endpoint.sync(request -> page("Home", request.user().isAuthenticated()
                ? "<p>Signed in as " + Html.escape(request.user().displayName()) + ". <a href=\"account\">Your account</a></p>"
                : "<p>Not signed in. <a href=\"account\">Your account</a> asks you to.</p>"))),
            Route.get("/login", Endpoint.sync(request -> page("Sign in", form(request, "", "tom")))).name("login"),
            Route.post("/login", request -> login(request, logins)),
            Route.get("/account", requires("authenticated").redirect("login").wrap(Endpoint.sync(request -> page("Account",
                "<p>You are " + Html.escape(request.user().displayName()) + ", with the scopes "
                    + Html.escape(String.join(", ", request.auth().scopes())) + ".</p>"
                    + "<form method=\"post\" action=\"logout\">" + CsrfMiddleware.formField(request) + "<button>Sign out</button></form>"))))
                .name("account"),
            Route.post("/logout", Endpoint.sync(request -> {
                SessionBackend.logout(request.session());
                return Response.redirect(request.urlFor("login"), 303);
            }))};
    }

    /**
     * The security headers, CSRF protection (the login form included), server-side sessions (a
     * logout revokes every copy of the cookie), then authentication from the session.
     */
    public static Middleware[] middleware(SessionStore sessions) {
        return new Middleware[] {
            SecurityHeadersMiddleware.defaults(),   // nosniff, no framing, no-store once signed in, HSTS over HTTPS
            CsrfMiddleware.builder().secretKey(Key.KEY).build(),
            // On the server: a logout deletes the session, so a copy of its cookie is worth nothing.
            SessionMiddleware.builder().secretKey(Key.KEY).store(sessions).build(),
            new AuthenticationMiddleware(new SessionBackend())};
    }

    /**
     * Checks the form's password (off the event loop), throttled per account and per client (the
     * tenth wrong password in a row for an account gets a 429 with Retry-After); on success logs
     * in and follows {@code next}, else shows the form again with a 401.
     */
    private static CompletionStage<Response> login(Request request, Throttle logins) {
        return request.form().thenCompose(form -> {
            String username = form.get("username").orElse("");
            String client = request.client().host();
            return logins.check(username, client)
                .thenCompose(allowed -> DemoUsers.check(request, username, form.get("password").orElse("")))
                .thenCompose(matched -> {
                    if (!matched) {
                        return logins.failed(username, client).thenApply(counted ->
                            page("Sign in", form(request, "<p class=\"error\">Wrong username or password.</p>", username)).withStatus(401));
                    }
                    SessionBackend.login(request.session(), username, DemoUsers.scopes(username));
                    return logins.succeeded(username).thenApply(done -> Response.redirect(SafeRedirects.next(request, request.urlFor("account")), 303));
                });
        });
    }

    /**
     * The login form, its username field filled with {@code username} (the demo user at first, what
     * was typed after a wrong password). It has no {@code action}, so it posts to the URL it was
     * served at, and {@code ?next=...} travels from the guard's redirect to {@code POST /login}.
     */
    private static String form(Request request, String error, String username) {
        return error + """
            <form method="post">%s
              <label>Username <input name="username" autocomplete="username" value="%s"></label>
              <label>Password <input name="password" type="password" autocomplete="current-password"></label>
              <button>Sign in</button>
            </form>
            <p>Demo users: tom and admin, password <code>secret</code>.</p>""".formatted(CsrfMiddleware.formField(request), Html.escape(username));
    }

    private static Response page(String title, String body) {
        return Response.html("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
            + "</title></head><body><h1>" + title + "</h1>" + body + "</body></html>");
    }
}
