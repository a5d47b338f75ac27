/**
 * Middleware: code that runs around routing for every request and WebSocket handshake
 * ({@link io.nettle.middleware.Middleware}, {@link io.nettle.middleware.Next}), and the built-in
 * {@link io.nettle.middleware.SessionMiddleware} and {@link io.nettle.middleware.CorsMiddleware}.
 * Everything here is written on the public API, as third-party middleware would be, with one
 * exception: {@code CorsMiddleware} also marks the response the app makes for an exception that
 * escapes it (its 500), through the request's internal state.
 */
package io.nettle.middleware;
