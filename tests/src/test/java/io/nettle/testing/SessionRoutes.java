package io.nettle.testing;

import io.nettle.auth.backends.SessionBackend;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.routing.Routable;

/** The routes the session tests drive, behind a session middleware and a {@code SessionBackend}. */
public final class SessionRoutes {

    private SessionRoutes() {
    }

    /**
     * {@code POST /login?user=X} logs X in, {@code POST /logout} logs out, {@code POST /note?text=T}
     * keeps T in the session and {@code GET /note} shows it, {@code GET /me} says who is signed in
     * (or {@code anonymous}).
     */
    public static Routable[] loginLogoutNoteMe() {
        return new Routable[] {
            Route.post("/login", Endpoint.sync(request -> {
                SessionBackend.login(request.session(), request.queryParam("user").orElseThrow(), "authenticated");
                return Response.text("welcome");
            })),
            Route.post("/logout", Endpoint.sync(request -> {
                SessionBackend.logout(request.session());
                return Response.text("bye");
            })),
            Route.post("/note", Endpoint.sync(request -> {
                request.session().put("note", request.queryParam("text").orElse(""));
                return Response.text("noted");
            })),
            Route.get("/note", Endpoint.sync(request -> Response.text(request.session().get("note").map(Object::toString).orElse("")))),
            Route.get("/me", Endpoint.sync(request -> Response.text(request.user().isAuthenticated()
                ? request.user().displayName() : "anonymous")))};
    }
}
