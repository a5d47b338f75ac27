/**
 * Routes and endpoints: {@link io.nettle.routing.Route} (path templates with typed converters),
 * {@link io.nettle.routing.Mount} (a prefix with its own routes and middleware), function and
 * class-based endpoints, and the decorators that wrap an endpoint (guards, for example).
 */
package io.nettle.routing;
