package io.nettle.examples;

import static io.nettle.auth.Guard.requires;

import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationMiddleware;
import io.nettle.auth.backends.ApiKeyBackend;
import io.nettle.http.HttpException;
import io.nettle.http.Request;
import io.nettle.http.Response;
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
 * {@code 401}; no key is anonymous, which the guards answer with {@code 403}.
 * <pre>
 * curl localhost:8000/                                                   -> what the API offers
 * curl -H 'X-API-Key: demo-read-key' localhost:8000/items                -> [{"id":1,"name":"kettle"}]
 * curl -H 'X-API-Key: demo-write-key' -H 'Content-Type: application/json' \
 *      -d '{"name":"teapot"}' localhost:8000/items                       -> 201 {"id":2,"name":"teapot"}
 * curl -H 'X-API-Key: demo-read-key' -d '{"name":"x"}' localhost:8000/items   -> 403
 * curl -H 'X-API-Key: wrong' localhost:8000/items                        -> 401 {"error":"Invalid API key"}
 * </pre>
 * The keys are DEMO ONLY, written here so that the curl lines work: real keys are long random
 * strings from configuration (e.g. {@code System.getenv("REPORTS_KEY")}), one per client.
 */
public final class ApiKeyExample implements MountableExample {
    /** DEMO ONLY: a key that may read. */
    static final String READ_KEY = "demo-read-key";
    /** DEMO ONLY: a key that may read and write. */
    static final String WRITE_KEY = "demo-write-key";

    /** An item of the API. */
    record Item(long id, String name) {
    }

    /** The body of {@code POST /items}. */
    record NewItem(String name) {
    }

    @Override
    public String name() {
        return "apikey";
    }

    @Override
    public String description() {
        return "a JSON API behind API keys in X-API-Key, with read and write scopes";
    }

    @Override
    public List<Middleware> middleware() {
        ApiKeyBackend keys = ApiKeyBackend.builder()
            .key(READ_KEY, AuthResult.user("reader", "authenticated", "items:read"))
            .key(WRITE_KEY, AuthResult.user("writer", "authenticated", "items:read", "items:write"))
            .build();
        return List.of(new AuthenticationMiddleware(keys,
            (request, error) -> Response.json(Map.of("error", error.getMessage())).withStatus(401)));
    }

    @Override
    public List<Routable> routes() {
        List<Item> items = new CopyOnWriteArrayList<>(List.of(new Item(1, "kettle")));
        AtomicLong ids = new AtomicLong(1);
        return List.of(
            Route.get("/", Endpoint.sync(request -> Response.json(Map.of(
                "endpoints", List.of("GET /items (items:read)", "POST /items (items:write)"),
                "header", ApiKeyBackend.DEFAULT_HEADER)))),
            Route.get("/items", requires("items:read", Endpoint.sync(request -> Response.json(items)))),
            Route.post("/items", requires("items:write", (Request request) -> request.json(NewItem.class).thenApply(body -> {
                if (body.name() == null || body.name().isBlank()) {
                    throw new HttpException(422, "name is required");
                }
                Item item = new Item(ids.incrementAndGet(), body.name());
                items.add(item);
                return Response.json(item).withStatus(201);
            }))));
    }
}
