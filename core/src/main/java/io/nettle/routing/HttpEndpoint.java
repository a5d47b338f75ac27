package io.nettle.routing;

/**
 * A class-based endpoint (Starlette's {@code HTTPEndpoint}): its public methods named after HTTP
 * methods ({@code get}, {@code post}, {@code put}, {@code patch}, {@code delete},
 * {@code options}) become the route's methods. Each takes a {@link io.nettle.http.Request} and
 * returns either a {@link io.nettle.http.Response} (answered at once, on the event loop) or a
 * {@code CompletionStage<Response>}.
 * <pre>{@code
 * public class Users extends HttpEndpoint {
 *     public Response get(Request request) { return Response.json(users.all()); }
 *     public CompletionStage<Response> post(Request request) {
 *         return request.json(NewUser.class).thenApply(u -> Response.json(users.add(u)).withStatus(201));
 *     }
 * }
 * App.builder().route(Route.endpoint("/users", new Users()))
 * }</pre>
 * The methods are found once, when the route is made; a request calls them through a bound
 * method handle, without reflection. A method with another signature fails at that moment.
 */
public abstract class HttpEndpoint {

    /** For subclasses. */
    protected HttpEndpoint() {
    }
}
