package io.nettle.internal.exchange;

import io.nettle.http.ConnectionExecutor;
import io.nettle.http.Response;
import java.util.function.BiConsumer;

/**
 * The answer to a request that completes later, possibly on another thread: taken back to the
 * connection's loop and handed to {@link #respond} there. One object per asynchronous request.
 */
public abstract class PendingResponse implements BiConsumer<Response, Throwable>, Runnable {
    private final ConnectionExecutor loop;
    private Response response;

    protected PendingResponse(ConnectionExecutor loop) {
        this.loop = loop;
    }

    /** The application's stages never fail (errors become responses first): takes the response to the loop. */
    @Override
    public final void accept(Response response, Throwable neverFails) {
        this.response = response;
        loop.run(this);
    }

    @Override
    public final void run() {
        respond(response);
    }

    /** Writes {@code response}, on the connection's loop. */
    protected abstract void respond(Response response);
}
