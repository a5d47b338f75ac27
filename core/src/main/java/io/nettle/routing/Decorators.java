package io.nettle.routing;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/** Applies {@link EndpointDecorator} annotations of a class-based endpoint's method. */
final class Decorators {
    private Decorators() {
    }

    static Endpoint apply(Method method, Endpoint endpoint) {
        Endpoint result = endpoint;
        Annotation[] annotations = method.getAnnotations();
        for (int i = annotations.length - 1; i >= 0; i--) {
            EndpointDecorator marker = annotations[i].annotationType().getAnnotation(EndpointDecorator.class);
            if (marker != null) {
                result = decorate(marker, annotations[i], result);
            }
        }
        return result;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Endpoint decorate(EndpointDecorator marker, Annotation annotation, Endpoint endpoint) {
        EndpointDecorator.Decorator decorator;
        try {
            decorator = marker.value().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create decorator " + marker.value().getName(), e);
        }
        return decorator.decorate(annotation, endpoint);
    }
}
