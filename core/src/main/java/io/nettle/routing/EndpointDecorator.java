package io.nettle.routing;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an annotation as a decorator of {@link HttpEndpoint} methods: when a class-based endpoint
 * is turned into a route, each method annotated with such an annotation has its endpoint wrapped
 * by {@link #value()}, once, at that moment. This is how {@code @Requires} works.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
public @interface EndpointDecorator {

    /** The class that wraps the endpoint; it needs a public no-argument constructor. */
    Class<? extends Decorator<?>> value();

    /**
     * Wraps an endpoint according to an annotation.
     *
     * @param <A> the annotation type
     */
    interface Decorator<A extends Annotation> {
        /** The endpoint to use instead of {@code endpoint}. */
        Endpoint decorate(A annotation, Endpoint endpoint);
    }
}
