package io.nettle.auth;

import io.nettle.http.Connection;
import io.nettle.middleware.Middleware;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@link AuthenticationBackend#chain}: the backends tried in order. */
final class Chain implements AuthenticationBackend {
    private final List<AuthenticationBackend> backends;

    Chain(List<AuthenticationBackend> backends) {
        this.backends = backends;
    }

    @Override
    public CompletionStage<Optional<AuthResult>> authenticate(Connection connection) {
        return next(backends, 0, connection);
    }

    /** The challenges of the backends, in order, each once. */
    @Override
    public List<String> challenges() {
        return backends.stream().flatMap(backend -> backend.challenges().stream()).distinct().toList();
    }

    /** Each backend of the chain needs what it needs. */
    @Override
    public void checkPlacement(List<Middleware> outer) {
        backends.forEach(backend -> backend.checkPlacement(outer));
    }

    private static CompletionStage<Optional<AuthResult>> next(List<AuthenticationBackend> backends, int index, Connection connection) {
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
