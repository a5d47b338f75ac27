package io.nettle.routing;

import io.nettle.http.HttpException;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.internal.files.FileServer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/**
 * Serves a directory, or class path resources, under a path prefix:
 * <pre>{@code
 * App.builder()
 *     .route(StaticFiles.directory(Path.of("public")).cacheControl("max-age=3600").at("/static"))
 *     .route(StaticFiles.classpath("assets").at("/assets"))
 *     .route(Route.get("/reports/{file:path}", requires("admin", StaticFiles.directory(reports))))
 * }</pre>
 * {@link #at(String)} makes the {@code GET} (and {@code HEAD}) route {@code prefix/{file:path}};
 * as an {@link Endpoint} it serves the path parameter {@code file} of any route, so it can be
 * guarded with {@code requires(...)} like any endpoint.
 *
 * <ul>
 * <li>{@code ETag} and {@code Last-Modified}; {@code If-None-Match} and {@code If-Modified-Since}
 *     answer {@code 304}. One {@code Range} ({@code 206}; {@code 416} when no byte of the file is
 *     in it; several ranges get the whole file), {@code If-Range} honoured.</li>
 * <li>{@code Content-Type} from the extension, with {@code charset=utf-8} for text.
 *     {@code Cache-Control} as set per mount.</li>
 * <li>A precompressed sibling ({@code app.js.br}, {@code app.js.gz}) is sent instead, with its
 *     {@code Content-Encoding}, to a client that accepts it; files are never compressed on the fly.</li>
 * <li>A directory serves its {@code index.html} (a path without its trailing slash is redirected
 *     to it), or is a {@code 404} with {@link #indexFiles(boolean) indexFiles(false)}: never a listing.</li>
 * <li>Zero-copy ({@code sendfile}) on cleartext HTTP/1.1; elsewhere read in chunks. The disk is
 *     only touched on the app's blocking executor, never on an event loop. Where a path leads
 *     (its real location, links followed, or that it has none) is reused for a second; a file's
 *     size and last change are read on every request, so a changed file is never sent with a
 *     stale length, and a new file or a changed link is seen within that second.</li>
 * <li>Safe: {@code ..}, {@code .}, empty segments, backslashes, NUL and other control
 *     characters, colons, raw or percent-encoded, are a {@code 404}; so are dot files (unless
 *     {@link #dotFiles(boolean) served}) and symbolic links leading out of the root (unless
 *     {@link #followSymlinks(boolean) followed}).</li>
 * </ul>
 */
public final class StaticFiles implements Endpoint {
    /** The path parameter holding the file's path below the root. */
    public static final String PATH_PARAM = "file";

    private final Path directory;
    private final String resourceRoot;
    private final ClassLoader loader;
    private final String cacheControl;
    private final boolean index;
    private final boolean dotFiles;
    private final boolean followSymlinks;
    private final FileServer server;

    private StaticFiles(Path directory, String resourceRoot, ClassLoader loader, String cacheControl, boolean index,
                        boolean dotFiles, boolean followSymlinks) {
        this.directory = directory;
        this.resourceRoot = resourceRoot;
        this.loader = loader;
        this.cacheControl = cacheControl;
        this.index = index;
        this.dotFiles = dotFiles;
        this.followSymlinks = followSymlinks;
        this.server = directory != null
            ? FileServer.directory(directory, cacheControl, index, dotFiles, followSymlinks)
            : FileServer.classpath(resourceRoot, loader, cacheControl, index, dotFiles);
    }

    /**
     * The files under {@code root}.
     *
     * @throws IllegalArgumentException when {@code root} is not a directory
     */
    public static StaticFiles directory(Path root) {
        return new StaticFiles(Objects.requireNonNull(root, "root"), null, null, null, true, false, false);
    }

    /** The class path resources under {@code root} ({@code "public"} for {@code public/...}), from this class's loader. */
    public static StaticFiles classpath(String root) {
        return classpath(root, StaticFiles.class.getClassLoader());
    }

    /** The resources under {@code root} of {@code loader}. */
    public static StaticFiles classpath(String root, ClassLoader loader) {
        return new StaticFiles(null, Objects.requireNonNull(root, "root"), Objects.requireNonNull(loader, "loader"), null, true, false, false);
    }

    /** These files with {@code Cache-Control: value} on every answer. Default: none. */
    public StaticFiles cacheControl(String value) {
        return new StaticFiles(directory, resourceRoot, loader, Objects.requireNonNull(value, "value"), index, dotFiles, followSymlinks);
    }

    /** Whether a directory serves its {@code index.html}. Default: {@code true}. */
    public StaticFiles indexFiles(boolean serve) {
        return new StaticFiles(directory, resourceRoot, loader, cacheControl, serve, dotFiles, followSymlinks);
    }

    /** Whether files and directories whose name starts with {@code .} are served. Default: {@code false}. */
    public StaticFiles dotFiles(boolean serve) {
        return new StaticFiles(directory, resourceRoot, loader, cacheControl, index, serve, followSymlinks);
    }

    /** Whether symbolic links leading out of the root directory are followed. Default: {@code false}. */
    public StaticFiles followSymlinks(boolean follow) {
        return new StaticFiles(directory, resourceRoot, loader, cacheControl, index, dotFiles, follow);
    }

    /** The {@code GET} (and {@code HEAD}) route serving these files under {@code prefix} ({@code "/static"}). */
    public Route at(String prefix) {
        String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return Route.get(base + "/{" + PATH_PARAM + ":path}", this);
    }

    @Override
    public CompletionStage<Response> handle(Request request) {
        String path = request.pathParams().getString(PATH_PARAM);
        try {
            return request.runBlocking(() -> server.serve(path, request));
        } catch (RejectedExecutionException busy) {
            throw new HttpException(503, "Server busy, try again later");
        }
    }
}
