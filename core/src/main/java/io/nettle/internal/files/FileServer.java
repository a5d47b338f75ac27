package io.nettle.internal.files;

import io.nettle.http.HttpException;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.internal.FileBody;
import io.nettle.internal.ResponseValue;
import io.nettle.internal.codec.AcceptEncoding;
import io.nettle.internal.codec.MediaTypes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Answers a request for a static file, as {@code StaticFiles} configures it: the safe path,
 * {@code index.html} for a directory (never a listing), a precompressed sibling
 * ({@code .br}, {@code .gz}) when the client accepts it, validators and {@code 304}, one byte
 * range ({@code 206}, {@code 416}), {@code Cache-Control}. Blocking: it touches the disk, so it
 * runs on the blocking executor.
 */
public final class FileServer {
    /** Precompressed siblings, by preference: the suffix and the coding it stands for. */
    private static final String[][] PRECOMPRESSED = {{".br", "br"}, {".gz", "gzip"}};
    private static final String INDEX = "index.html";

    private final FileSource source;
    private final String cacheControl;
    private final boolean index;
    private final boolean dotFiles;

    private FileServer(FileSource source, String cacheControl, boolean index, boolean dotFiles) {
        this.source = source;
        this.cacheControl = cacheControl;
        this.index = index;
        this.dotFiles = dotFiles;
    }

    /** Files under the directory {@code root}; links leading out of it followed only when {@code followLinksOut}. */
    public static FileServer directory(Path root, String cacheControl, boolean index, boolean dotFiles, boolean followLinksOut) {
        return new FileServer(new DirectorySource(root, followLinksOut), cacheControl, index, dotFiles);
    }

    /** Resources under {@code root} of {@code loader}. */
    public static FileServer classpath(String root, ClassLoader loader, String cacheControl, boolean index, boolean dotFiles) {
        return new FileServer(new ClasspathSource(root, loader), cacheControl, index, dotFiles);
    }

    /** The response to {@code request} for {@code path} (decoded, relative to the root). */
    public Response serve(String path, Request request) throws IOException {
        List<String> segments = SafePath.segments(path, dotFiles);
        if (segments == null) {
            throw new HttpException(404, "Not Found");
        }
        boolean directory = path.isEmpty() || path.endsWith("/") || source.isDirectory(segments);
        if (directory) {
            if (!index) {
                throw new HttpException(404, "Not Found");
            }
            if (!path.isEmpty() && !path.endsWith("/")) {
                // So that the index page's relative links resolve inside the directory.
                return Response.redirect(request.url().rawPath() + "/");
            }
            segments = new ArrayList<>(segments.isEmpty() || !segments.get(segments.size() - 1).isEmpty()
                ? segments : segments.subList(0, segments.size() - 1));
            segments.add(INDEX);
        }
        Entry entry = source.file(segments);
        if (entry == null) {
            throw new HttpException(404, "Not Found");
        }
        return answer(entry, segments, request);
    }

    private Response answer(Entry original, List<String> segments, Request request) throws IOException {
        Entry entry = original;
        String coding = null;
        boolean siblings = false;
        String accepted = request.header("Accept-Encoding").orElse(null);
        for (String[] precompressed : PRECOMPRESSED) {
            List<String> sibling = new ArrayList<>(segments);
            sibling.set(sibling.size() - 1, sibling.get(sibling.size() - 1) + precompressed[0]);
            Entry compressed = source.file(sibling);
            if (compressed != null) {
                siblings = true;
                if (coding == null && AcceptEncoding.accepts(accepted, precompressed[1])) {
                    entry = compressed;
                    coding = precompressed[1];
                }
            }
        }
        Validators validators = Validators.of(entry.size(), entry.modified(), coding);
        if (validators.notModified(request.header("If-None-Match").orElse(null), request.header("If-Modified-Since").orElse(null))) {
            return withValidators(Response.status(304), validators, siblings);
        }
        ByteRange range = ByteRange.WHOLE;
        String rangeHeader = request.header("Range").orElse(null);
        if (rangeHeader != null && request.method().equals("GET") && validators.rangeAllowed(request.header("If-Range").orElse(null))) {
            range = ByteRange.of(rangeHeader, entry.size());
        }
        if (range == ByteRange.UNSATISFIABLE) {
            return withValidators(Response.status(416), validators, siblings).withHeader("Content-Range", "bytes */" + entry.size());
        }
        String type = MediaTypes.forFileName(original.name());
        long first = range == ByteRange.WHOLE ? 0 : range.first();
        long length = range == ByteRange.WHOLE ? entry.size() : range.length();
        Response answer = entry.file() != null
            ? ResponseValue.file(new FileBody(entry.file(), first, length), type)
            : Response.bytes(Arrays.copyOfRange(entry.bytes(), (int) first, (int) (first + length)), type).withoutCompression();
        answer = withValidators(answer, validators, siblings).withHeader("Accept-Ranges", "bytes");
        if (coding != null) {
            answer = answer.withHeader("Content-Encoding", coding);
        }
        if (range != ByteRange.WHOLE) {
            answer = answer.withStatus(206).withHeader("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + entry.size());
        }
        return answer;
    }

    /** {@code response} with the representation's validators, the mount's caching, and {@code Vary} when a precompressed sibling exists. */
    private Response withValidators(Response response, Validators validators, boolean siblings) {
        Response answer = response.withHeader("ETag", validators.etag()).withHeader("Last-Modified", validators.lastModifiedHeader());
        if (cacheControl != null) {
            answer = answer.withHeader("Cache-Control", cacheControl);
        }
        return siblings ? answer.withHeader("Vary", "Accept-Encoding") : answer;
    }
}
