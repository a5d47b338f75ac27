package io.nettle.examples;

import io.nettle.App;
import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Routable;
import io.nettle.routing.Route;
import java.util.Map;

/**
 * The smallest Nettle app: a text greeting, a greeting by name with a typed path parameter,
 * and reverse routing.
 * <pre>
 * java -jar nettle-examples.jar hello --port 8000
 * curl localhost:8000/            -> Hello, World!
 * curl localhost:8000/hello/Ada   -> {"greeting":"Hello, Ada!","self":"http://localhost:8000/hello/Ada"}
 * </pre>
 */
public final class HelloExample {

    public static void main(String[] argv) throws InterruptedException {
        Arguments args = Arguments.parse(argv);
        try (Server server = app(args.settings()).serve(args.host(), args.port())) {
            args.printStarted("hello", server);
            server.awaitShutdown();
        }
    }

    public static App app(ServerSettings settings) {
        return App.builder().settings(settings).route(routes()).build();
    }

    public static Routable[] routes() {
        return new Routable[] {
            Route.get("/", Endpoint.sync(request -> Response.text("Hello, World!"))).name("home"),
            Route.get("/hello/{name}", Endpoint.sync(request -> {
                String name = request.pathParam("name");
                return Response.json(Map.of(
                    "greeting", "Hello, " + name + "!",
                    "self", request.urlFor("greet", Map.of("name", name))));
            })).name("greet")};
    }
}
