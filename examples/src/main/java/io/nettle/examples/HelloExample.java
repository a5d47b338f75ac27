package io.nettle.examples;

import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Routable;
import io.nettle.routing.Route;
import java.util.List;
import java.util.Map;

/**
 * The smallest Nettle app: a text greeting, a greeting by name with a typed path parameter,
 * and reverse routing.
 * <pre>
 * curl localhost:8000/            -> Hello, World!
 * curl localhost:8000/hello/Ada   -> {"greeting":"Hello, Ada!","self":"http://localhost:8000/hello/Ada"}
 * </pre>
 */
public final class HelloExample implements MountableExample {

    @Override
    public String name() {
        return "hello";
    }

    @Override
    public String description() {
        return "Hello, World! plus a typed path parameter and urlFor";
    }

    @Override
    public List<Routable> routes() {
        return List.of(
            Route.get("/", Endpoint.sync(request -> Response.text("Hello, World!"))).name("home"),
            Route.get("/hello/{name}", Endpoint.sync(request -> {
                String name = request.pathParam("name");
                return Response.json(Map.of(
                    "greeting", "Hello, " + name + "!",
                    "self", request.urlFor("greet", Map.of("name", name))));
            })).name("greet"));
    }
}
