package io.nettle.middleware;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SessionStore#inMemory(int)}: sessions by id, and their ids by owner, bounded. */
final class MemorySessionStore implements SessionStore {
    private final int maxSessions;
    private final Map<String, Stored> sessions = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byOwner = new ConcurrentHashMap<>();

    MemorySessionStore(int maxSessions) {
        if (maxSessions <= 0) {
            throw new IllegalArgumentException("maxSessions must be positive, was " + maxSessions);
        }
        this.maxSessions = maxSessions;
    }

    @Override
    public CompletionStage<Optional<Stored>> load(String id, Instant now) {
        Stored stored = sessions.get(id);
        if (stored != null && !stored.expires().isAfter(now)) {
            remove(id);
            stored = null;
        }
        return CompletableFuture.completedFuture(Optional.ofNullable(stored));
    }

    @Override
    public synchronized CompletionStage<Void> save(String id, Stored session) {
        if (!sessions.containsKey(id) && sessions.size() >= maxSessions) {
            dropExpired(Instant.now());
            if (sessions.size() >= maxSessions) {
                return CompletableFuture.failedFuture(new IllegalStateException("the session store is full: " + maxSessions + " sessions"));
            }
        }
        Stored before = sessions.put(id, session);
        if (before != null && before.owner() != null && !before.owner().equals(session.owner())) {
            unindex(before.owner(), id);
        }
        if (session.owner() != null) {
            byOwner.computeIfAbsent(session.owner(), owner -> ConcurrentHashMap.newKeySet()).add(id);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> delete(String id) {
        remove(id);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> deleteAllOf(String owner) {
        Set<String> ids = byOwner.remove(owner);
        if (ids != null) {
            ids.forEach(sessions::remove);
        }
        return CompletableFuture.completedFuture(null);
    }

    private synchronized void remove(String id) {
        Stored removed = sessions.remove(id);
        if (removed != null && removed.owner() != null) {
            unindex(removed.owner(), id);
        }
    }

    private void unindex(String owner, String id) {
        Set<String> ids = byOwner.get(owner);
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                byOwner.remove(owner);
            }
        }
    }

    private void dropExpired(Instant now) {
        for (Iterator<Map.Entry<String, Stored>> entries = sessions.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<String, Stored> entry = entries.next();
            if (!entry.getValue().expires().isAfter(now)) {
                entries.remove();
                if (entry.getValue().owner() != null) {
                    unindex(entry.getValue().owner(), entry.getKey());
                }
            }
        }
    }
}
