package io.nettle.auth;

import io.nettle.auth.internal.RequiresDecorator;
import io.nettle.routing.EndpointDecorator;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Guards a method of a class-based endpoint, like {@link Guard#requires(String...)} does a
 * route. Read once, when the route is made.
 * <pre>{@code
 * public class Dashboard extends HttpEndpoint {
 *     @Requires("authenticated")
 *     public Response get(Request request) { ... }
 *
 *     @Requires(value = {"authenticated", "admin"}, status = 404)
 *     public Response delete(Request request) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@EndpointDecorator(RequiresDecorator.class)
public @interface Requires {

    /** The scopes required, all of them (or any of them with {@link #any()}). */
    String[] value();

    /** The status of a denied request. Default: 403. */
    int status() default 403;

    /** A route name to redirect a denied request to (303, with {@code next}); empty for none. */
    String redirect() default "";

    /** Whether one of the scopes suffices. Default: all are required. */
    boolean any() default false;
}
