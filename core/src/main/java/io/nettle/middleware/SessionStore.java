package io.nettle.middleware;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where {@link SessionMiddleware} keeps sessions on the server side: the cookie then holds only
 * a signed, unguessable id, and a session can be revoked: one ({@link #delete}) or all of a
 * user's ({@link #deleteAllOf}). Every method is asynchronous and may complete on any thread; a
 * failed stage makes the request fail closed with {@code 503} (never an anonymous or stale user).
 * {@link #inMemory(int)} is built in; a shared store (Redis) lets several instances share sessions.
 */
public interface SessionStore {

    /**
     * A stored session.
     *
     * @param data    its values (as {@code Session.asMap()} gives them)
     * @param owner   whose session it is, or {@code null}
     * @param issued  when it was started (its absolute lifetime counts from here)
     * @param expires when it lapses unless saved again (its sliding expiry)
     */
    record Stored(Map<String, Object> data, String owner, Instant issued, Instant expires) {
    }

    /** The session {@code id}, if it is there and has not expired at {@code now}. */
    CompletionStage<Optional<Stored>> load(String id, Instant now);

    /** Stores {@code session} as {@code id}, replacing what was there. */
    CompletionStage<Void> save(String id, Stored session);

    /** Deletes the session {@code id} (a logout; nothing when it is not there). */
    CompletionStage<Void> delete(String id);

    /** Deletes every session of {@code owner}: they are revoked at once, on every instance sharing the store. */
    CompletionStage<Void> deleteAllOf(String owner);

    /**
     * A store in this JVM's memory, for at most {@code maxSessions} sessions: expired ones are
     * dropped as they are met and when room is needed; when all are live, a new session is
     * refused (a {@code 503}), never an old one dropped.
     */
    static SessionStore inMemory(int maxSessions) {
        return new MemorySessionStore(maxSessions);
    }
}
