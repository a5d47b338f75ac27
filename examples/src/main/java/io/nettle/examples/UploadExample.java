package io.nettle.examples;

import static io.nettle.auth.Guard.requires;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.http.HttpException;
import io.nettle.http.MultipartForm;
import io.nettle.http.MultipartLimits;
import io.nettle.http.Response;
import io.nettle.http.UploadedFile;
import io.nettle.middleware.Middleware;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Routable;
import io.nettle.routing.Route;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * File uploads: {@code POST /upload} (HTTP Basic, tom or admin with password {@code secret})
 * takes a {@code multipart/form-data} form and answers what it received, each file's size and
 * SHA-256 computed as it is read back from its temporary file; a file over 10 MiB is a 413. A page
 * at {@code /} has the form.
 * <pre>
 * java -jar nettle-examples.jar upload --port 8000
 * curl -u tom:secret -F title=Q3 -F file=@report.pdf localhost:8000/upload
 *   -> {"files":[{"field":"file","filename":"report.pdf","size":48213,"sha256":"..."}],"fields":{"title":["Q3"]}}
 * </pre>
 */
public final class UploadExample {
    /** Most bytes of one file. */
    static final long MAX_FILE = 10L * 1024 * 1024;
    private static final MultipartLimits LIMITS = MultipartLimits.defaults().maxFileSize(MAX_FILE).maxParts(20);

    private UploadExample() {
    }

    public static void main(String[] argv) throws InterruptedException {
        Arguments args = Arguments.parse(argv);
        try (Server server = app(args.settings()).serve(args.host(), args.port())) {
            args.printStarted("upload", server);
            server.awaitShutdown();
        }
    }

    public static App app(ServerSettings settings) {
        return App.builder().settings(withRoomForFiles(settings)).middleware(middleware()).route(routes()).build();
    }

    /** {@code settings} with a body limit that leaves room for several files of up to 10 MiB in one form. */
    static ServerSettings withRoomForFiles(ServerSettings settings) {
        return settings.toBuilder().maxBodySize(Math.max(settings.maxBodySize(), 64L * 1024 * 1024)).build();
    }

    public static Middleware middleware() {
        return new AuthenticationMiddleware(DemoUsers.basic());
    }

    public static Routable[] routes() {
        String page = Html.resource("upload.html");
        return new Routable[] {
            Route.get("/", Endpoint.sync(request -> {
                if (!request.user().isAuthenticated()) {
                    throw new HttpException(401, "Sign in to upload", Map.of("WWW-Authenticate", "Basic realm=\"upload\""));
                }
                return Response.html(page);
            })),
            Route.post("/upload", requires("authenticated", request -> request.multipart(LIMITS)
                .thenCompose(form -> request.runBlocking(() -> Response.json(describe(form))))))};
    }

    /** What was received: each file's field, safe name, size and SHA-256, and the text fields. */
    static Map<String, Object> describe(MultipartForm form) throws IOException {
        List<Map<String, Object>> files = new ArrayList<>();
        for (UploadedFile file : form.files()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("field", file.field());
            entry.put("filename", file.filename());
            entry.put("size", file.size());
            entry.put("sha256", sha256(file));
            files.add(entry);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("files", files);
        answer.put("fields", form.fields().asMap());
        return answer;
    }

    private static String sha256(UploadedFile file) throws IOException {
        try (InputStream in = file.open()) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
