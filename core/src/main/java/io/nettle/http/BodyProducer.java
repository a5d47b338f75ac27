package io.nettle.http;

/**
 * Produces a streamed response body ({@link Response#stream(String, BodyProducer)}) once the
 * response head is on its way. Called on the connection's event loop: never block in it; write
 * from any thread, following each write's stage (see {@link BodyWriter}). A producer that throws
 * aborts the response.
 */
@FunctionalInterface
public interface BodyProducer {

    /** Starts writing the body to {@code body}; ends it with {@link BodyWriter#end()}. */
    void produce(BodyWriter body) throws Exception;
}
