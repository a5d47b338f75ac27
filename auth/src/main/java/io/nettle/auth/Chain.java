package io.nettle.auth;

import io.nettle.http.Connection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The walk of {@link AuthenticationBackend#chain}. */
final class Chain {
    private Chain() {
    }

    static CompletionStage<Optional<AuthResult>> next(List<AuthenticationBackend> backends, int index, Connection connection) {
        if (index == backends.size()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletionStage<Optional<AuthResult>> stage;
        try {
            stage = backends.get(index).authenticate(connection);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        return stage.thenCompose(found -> found.isPresent()
            ? CompletableFuture.completedFuture(found)
            : next(backends, index + 1, connection));
    }
}
