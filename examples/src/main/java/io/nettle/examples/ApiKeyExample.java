package io.nettle.examples;

import static io.nettle.auth.Guard.requires;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.auth.Challenges;
import io.nettle.auth.backends.ApiKeyBackend;
import io.nettle.http.HttpException;
import io.nettle.http.Request;
import io.nettle.http.Response;
import io.nettle.middleware.CorsMiddleware;
import io.nettle.middleware.Middleware;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Routable;
import io.nettle.routing.Route;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small JSON API behind API keys sent in {@code X-API-Key}: a read-only key and a read-write
 * key, each granting scopes that the routes require. An unknown key is refused with a JSON
 * {@code 401}; a request without a key gets {@code 401} with the backend's challenge
 * {@code WWW-Authenticate: ApiKey header="X-API-Key"} (the guards' {@code challenge()}), and a key
 * without the scope {@code 403}.
 * <pre>
 * java -jar nettle-examples.jar apikey --port 8000
 * curl localhost:8000/                                                   -> what the API offers
 * curl -H 'X-API-Key: demo-read-key' localhost:8000/items                -> [{"id":1,"name":"kettle"}]
 * curl -H 'X-API-Key: demo-write-key' -H 'Content-Type: application/json' \
 *      -d '{"name":"teapot"}' localhost:8000/items                       -> 201 {"id":2,"name":"teapot"}
 * curl -H 'X-API-Key: demo-read-key' -d '{"name":"x"}' localhost:8000/items   -> 403
 * curl -H 'X-API-Key: wrong' localhost:8000/items                        -> 401 {"error":"Invalid API key"}
 * curl -i localhost:8000/items                                           -> 401, WWW-Authenticate: ApiKey header="X-API-Key"
 * curl -i -X OPTIONS -H 'Origin: https://app.example' -H 'Access-Control-Request-Method: POST' \
 *      -H 'Access-Control-Request-Headers: X-API-Key, Content-Type' localhost:8000/items
 *                                        -> 200, Access-Control-Allow-Origin: https://app.example
 * curl -i -X OPTIONS -H 'Origin: https://evil.example' -H 'Access-Control-Request-Method: GET' \
 *      localhost:8000/items                                              -> 400 Disallowed CORS origin
 * </pre>
 * Pages of {@code https://app.example} may call the API from a browser (CORS: {@code GET} and
 * {@code POST} with {@code X-API-Key}); the {@link CorsMiddleware} comes before the
 * authentication, since browsers send preflights without the key.
 * The keys are DEMO ONLY, written here so that the curl lines work: real keys are long random
 * strings from configuration (e.g. {@code System.getenv("REPORTS_KEY")}), one per client.
 */
public final class ApiKeyExample {
    /** DEMO ONLY: a key that may read. */
    static final String READ_KEY = "demo-read-key";
    /** DEMO ONLY: a key that may read and write. */
    static final String WRITE_KEY = "demo-write-key";

    public static void main(String[] argv) throws InterruptedException {
        Arguments args = Arguments.parse(argv);
        try (Server server = app(args.settings()).serve(args.host(), args.port())) {
            args.printStarted("apikey", server);
            server.awaitShutdown();
        }
    }

    public static App app(ServerSettings settings) {
        return App.builder().settings(settings).middleware(middleware()).route(routes()).build();
    }

    /** The API, with its items in memory: each call starts with a fresh list. */
    public static Routable[] routes() {
        List<Item> items = new CopyOnWriteArrayList<>(List.of(new Item(1, "kettle")));
        AtomicLong ids = new AtomicLong(1);
        return new Routable[] {
            Route.get("/", Endpoint.sync(request -> Response.json(Map.of(
                "endpoints", List.of("GET /items (items:read)", "POST /items (items:write)"),
                "header", ApiKeyBackend.DEFAULT_HEADER)))),
            Route.get("/items", requires("items:read").challenge().wrap(Endpoint.sync(request -> Response.json(items)))),
            Route.post("/items", requires("items:write").challenge().wrap((Request request) -> request.json(NewItem.class).thenApply(body -> {
                if (body.name() == null || body.name().isBlank()) {
                    throw new HttpException(422, "name is required");
                }
                Item item = new Item(ids.incrementAndGet(), body.name());
                items.add(item);
                return Response.json(item).withStatus(201);
            })))};
    }

    /** The page origin allowed to call the API from a browser. */
    static final String BROWSER_ORIGIN = "https://app.example";

    /** CORS, then the API keys. */
    public static Middleware[] middleware() {
        return new Middleware[] {cors(), authentication()};
    }

    /** Lets pages of {@link #BROWSER_ORIGIN} call the API: {@code GET} and {@code POST} with {@code X-API-Key}. */
    public static CorsMiddleware cors() {
        return CorsMiddleware.builder()
            .allowOrigins(BROWSER_ORIGIN)
            .allowMethods("GET", "POST")
            .allowHeaders(ApiKeyBackend.DEFAULT_HEADER)
            .build();
    }

    /** The challenge of the API: a scheme of its own naming the header. */
    static final String CHALLENGE = "ApiKey header=\"" + ApiKeyBackend.DEFAULT_HEADER + "\"";

    /** The two keys and their scopes (each also {@code authenticated}); an unknown key gets a JSON 401 with the challenge. */
    public static Middleware authentication() {
        ApiKeyBackend keys = ApiKeyBackend.builder()
            .key(READ_KEY, AuthResult.user("reader", "items:read"))
            .key(WRITE_KEY, AuthResult.user("writer", "items:read", "items:write"))
            .challenge(CHALLENGE)
            .build();
        return new AuthenticationMiddleware(keys, (request, error) ->
            Challenges.addTo(Response.json(Map.of("error", error.getMessage())).withStatus(401), request));
    }

    /** An item of the API. */
    record Item(long id, String name) {
    }

    /** The body of {@code POST /items}. */
    record NewItem(String name) {
    }
}
