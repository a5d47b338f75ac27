package io.nettle.examples;

import io.nettle.App;
import io.nettle.Compression;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.broadcast.Broadcast;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.middleware.Middleware;
import io.nettle.middleware.SecurityHeadersMiddleware;
import io.nettle.middleware.SessionStore;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Mount;
import io.nettle.routing.Routable;
import io.nettle.routing.Route;
import io.nettle.routing.StaticFiles;
import io.nettle.security.ThrottleStore;
import java.util.List;
import java.util.Map;

/**
 * Every example in one app: each example's own routes mounted under its name with its own
 * middleware ({@code /hello}, {@code /auth}, {@code /session}...), and at {@code /} a page
 * listing them with links and a command to try each, styled and scripted by its own
 * {@code showcase.css} and {@code showcase.js}, served from the class path's {@code public/} at
 * {@code /static/}. The default of {@code java -jar nettle-examples.jar}.
 * <pre>
 * java -jar nettle-examples.jar            then open http://127.0.0.1:8000/
 * curl -u tom:secret localhost:8000/auth/dashboard
 * </pre>
 * Each example's middleware (sessions, authentication) runs only for its own routes, so the
 * examples do not see each other's credentials. Exception handlers belong to the whole app: the
 * {@code errors} example's make every 401, 403 and 404 here JSON. The mounts have no name, so
 * route names stay as written (a guard's {@code redirect("login")} finds the same route alone and
 * mounted); they must therefore be unique across the examples, which {@code build()} checks.
 * The {@code apikey} example's CORS is the exception to "its own middleware on its mount": a
 * mount's middleware runs only for requests that match one of its routes and methods, which a
 * CORS preflight ({@code OPTIONS}) does not, so it runs on the app, for {@code /apikey} only.
 */
public final class ShowcaseExample {

    public static void main(String[] argv) throws InterruptedException {
        Arguments args = Arguments.parse(argv);
        try (Server server = app(args.settings()).serve(args.host(), args.port())) {
            args.printStarted("showcase", server);
            server.awaitShutdown();
        }
    }

    /**
     * Every example mounted under its name, with the security headers on every response
     * ({@link SecurityHeadersMiddleware}), response compression on (br, zstd, gzip or
     * deflate, as the browser accepts and the libraries load), and a body limit with room for the
     * upload example's files.
     */
    public static App app(ServerSettings settings) {
        List<Mount> examples = examples();
        App.Builder app = App.builder().settings(UploadExample.withRoomForFiles(settings).toBuilder().compression(Compression.defaults()).build())
            .middleware(SecurityHeadersMiddleware.defaults(), under("/apikey", ApiKeyExample.cors()))
            .route(Route.get("/", Endpoint.sync(request -> index(request, examples))).name("showcase"))
            // Checked again on each use ("no-cache"), answered 304 while unchanged (ETag).
            .route(StaticFiles.classpath("public").cacheControl("no-cache").at("/static"))
            .route(examples.toArray(Routable[]::new));
        return ErrorsExample.jsonErrors(app).build();
    }

    /** The examples' routes, each under {@code /<name>} with the example's middleware, in the order the index lists them. */
    static List<Mount> examples() {
        return List.of(
            Mount.of("/hello", HelloExample.routes()),
            Mount.of("/echo", EchoExample.routes()),
            Mount.of("/auth", AuthExample.routes()).middleware(AuthExample.middleware()),
            Mount.of("/apikey", ApiKeyExample.routes()).middleware(ApiKeyExample.authentication()),   // its CORS: see app()
            Mount.of("/jwt", JwtExample.routes()).middleware(JwtExample.middleware()),
            Mount.of("/session", SessionExample.routes(ThrottleStore.inMemory(100_000))).middleware(SessionExample.middleware(SessionStore.inMemory(100_000))),
            Mount.of("/multi", MultiExample.routes()),
            Mount.of("/roles", RolesExample.routes()).middleware(RolesExample.middleware()),
            Mount.of("/errors", ErrorsExample.routes()).middleware(ErrorsExample.middleware()),
            Mount.of("/chat", ChatExample.routes(Broadcast.inProcess(), ChatExample.allowedOrigins())).middleware(ChatExample.middleware()),
            // No --dir here: the files example serves the showcase's own sample files instead.
            Mount.of("/files", FilesExample.routes(StaticFiles.classpath("public"), "the class path's public/")),
            Mount.of("/events", EventsExample.routes()).middleware(EventsExample.middleware()),
            Mount.of("/upload", UploadExample.routes()).middleware(UploadExample.middleware()));
    }

    /** {@code middleware} for the paths under {@code prefix} only; the others go straight on. */
    static Middleware under(String prefix, Middleware middleware) {
        return (request, next) -> request.path().equals(prefix) || request.path().startsWith(prefix + "/")
            ? middleware.handle(request, next)
            : next.handle(request);
    }

    /** A command to try each example, {@code %s} standing for the showcase's base URL. */
    private static final Map<String, String> TRY = Map.ofEntries(
        Map.entry("hello", "curl %s/hello/hello/Ada"),
        Map.entry("echo", "open %s/echo/ in a browser"),
        Map.entry("auth", "curl -u tom:secret %s/auth/dashboard"),
        Map.entry("apikey", "curl -H 'X-API-Key: demo-read-key' %s/apikey/items"),
        Map.entry("jwt", "TOKEN=$(curl -s -d username=tom -d password=secret %1$s/jwt/token | jq -r .access_token); "
            + "curl -H \"Authorization: Bearer $TOKEN\" %1$s/jwt/reports"),
        Map.entry("session", "open %s/session/account in a browser (tom / secret)"),
        Map.entry("multi", "curl -H 'X-API-Key: demo-read-key' %1$s/multi/api/whoami; curl -u tom:secret %1$s/multi/app/whoami"),
        Map.entry("roles", "curl -u ann:secret %s/roles/drafts"),
        Map.entry("errors", "curl -i %s/errors/private"),
        Map.entry("chat", "open %s/chat/ in two browsers (tom / secret, admin / secret)"),
        Map.entry("files", "curl -i -H 'Range: bytes=0-99' %s/files/static/showcase.css"),
        Map.entry("events", "curl -N -u tom:secret %1$s/events/events, or open %1$s/events/ in a browser (tom / secret)"),
        Map.entry("upload", "curl -u tom:secret -F title=Q3 -F file=@README.md %s/upload/upload"));

    /** The index: a link to each example, its line from {@code --help}, and a command to try it. */
    private static Response index(Request request, List<Mount> examples) {
        String base = request.url().origin();
        StringBuilder html = new StringBuilder("""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Nettle examples</title>
            <link rel="stylesheet" href="/static/showcase.css">
            <script src="/static/showcase.js" defer></script></head>
            <body><h1>Nettle examples</h1>
            <p>Each example runs under its own prefix; <code>java -jar nettle-examples.jar NAME</code> runs one alone at <code>/</code>.</p>
            <p><input id="filter" type="search" placeholder="Filter the examples" aria-label="Filter the examples" hidden>
            <span id="count"></span></p>
            <dl>
            """);
        for (Mount example : examples) {
            String prefix = example.path();
            String name = prefix.substring(1);
            html.append("<div class=\"example\"><dt><a href=\"").append(prefix).append("/\">").append(prefix).append("/</a> ")
                .append(Html.escape(Main.examples().get(name).description())).append("</dt>\n");
            String command = TRY.get(name);
            if (command != null) {
                html.append("<dd><code>").append(Html.escape(command.formatted(base))).append("</code></dd>\n");
            }
            html.append("</div>\n");
        }
        return Response.html(html.append("</dl></body></html>\n").toString());
    }
}
