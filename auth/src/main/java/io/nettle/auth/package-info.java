/**
 * Starlette's authentication model: an {@link io.nettle.auth.AuthenticationBackend} that turns a
 * request or handshake into a user and scopes, the {@link io.nettle.auth.AuthenticationMiddleware}
 * that runs it, and {@code requires(...)} guards for endpoints and WebSockets. Written on the
 * public API only: a model for third-party middleware.
 */
package io.nettle.auth;
