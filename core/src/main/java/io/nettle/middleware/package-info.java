/**
 * Middleware: code that runs around routing for every request and WebSocket handshake
 * ({@link io.nettle.middleware.Middleware}, {@link io.nettle.middleware.Next}), and the built-in
 * {@link io.nettle.middleware.SessionMiddleware}. Everything here is written on the public API,
 * as third-party middleware would be.
 */
package io.nettle.middleware;
