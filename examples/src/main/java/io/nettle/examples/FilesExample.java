package io.nettle.examples;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Routable;
import io.nettle.routing.Route;
import io.nettle.routing.StaticFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A directory served under {@code /static/} by {@link StaticFiles}, and a page at {@code /}
 * saying which: {@code ETag} and {@code Last-Modified} with {@code 304}, one byte range,
 * {@code index.html} for a directory (never a listing), a precompressed sibling
 * ({@code app.js.br}, {@code app.js.gz}) for a client that accepts it, and nothing outside the
 * directory, no dot files. {@code Cache-Control: no-cache}: browsers check again each time, and
 * get a {@code 304} while the file is unchanged.
 * <pre>
 * java -jar nettle-examples.jar files --dir ./site --port 8000   then open http://127.0.0.1:8000/static/
 * curl -i localhost:8000/static/index.html
 * curl -i -H 'Range: bytes=0-99' localhost:8000/static/big.log           -> 206
 * curl -i -H 'If-None-Match: "..."' localhost:8000/static/index.html      -> 304
 * </pre>
 * Without {@code --dir} it stops with exit code 2 rather than serve the current directory by
 * surprise. The showcase mounts it on the class path's {@code public/} instead.
 */
public final class FilesExample {

    public static void main(String[] argv) throws InterruptedException {
        Arguments args = Arguments.parse(argv);
        Path root;
        try {
            root = directory(args.dir());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try (Server server = app(args.settings(), root).serve(args.host(), args.port())) {
            args.printStarted("files", server);
            System.out.println("Serving " + root + " under /static/");
            server.awaitShutdown();
        }
    }

    /**
     * The directory {@code --dir} names, absolute.
     *
     * @throws IllegalArgumentException naming the flag when there is none, or when it is not a directory
     */
    static Path directory(Optional<Path> dir) {
        Path root = dir.orElseThrow(() -> new IllegalArgumentException(
            "The files example needs the directory to serve: --dir DIR (e.g. files --dir ./public --port 8000)"));
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("--dir " + root + ": not a directory");
        }
        return root.toAbsolutePath().normalize();
    }

    /** The files under {@code root} at {@code /static/}, the page at {@code /}. */
    public static App app(ServerSettings settings, Path root) {
        return App.builder().settings(settings)
            // The page names the directory only, not where it lies on this machine.
            .route(routes(StaticFiles.directory(root), "the directory " + (root.getFileName() == null ? "/" : root.getFileName())))
            .build();
    }

    /** {@code files} at {@code /static/} (revalidated on each use), and a page at {@code /} saying it serves {@code what}. */
    public static Routable[] routes(StaticFiles files, String what) {
        String page = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Nettle static files</title></head>
            <body><h1>Static files</h1>
            <p>Serving %s under <a href="static/">static/</a>: ETag and 304, byte ranges, index.html for a
            directory (never a listing), precompressed .br and .gz siblings, nothing outside it and no dot files.</p>
            </body></html>
            """.formatted(Html.escape(what));
        return new Routable[] {
            Route.get("/", Endpoint.sync(request -> Response.html(page))),
            files.cacheControl("no-cache").at("/static")};
    }
}
