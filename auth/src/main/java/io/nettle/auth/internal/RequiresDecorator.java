package io.nettle.auth.internal;

import io.nettle.auth.Guard;
import io.nettle.auth.Requires;
import io.nettle.routing.Endpoint;
import io.nettle.routing.EndpointDecorator;

/** Turns a {@link Requires} annotation into a {@link Guard} around the method's endpoint. */
public final class RequiresDecorator implements EndpointDecorator.Decorator<Requires> {

    @Override
    public Endpoint decorate(Requires annotation, Endpoint endpoint) {
        Guard guard = (annotation.any() ? Guard.requiresAny(annotation.value()) : Guard.requires(annotation.value()))
            .status(annotation.status());
        if (!annotation.redirect().isEmpty()) {
            guard = guard.redirect(annotation.redirect());
        }
        return guard.wrap(endpoint);
    }
}
