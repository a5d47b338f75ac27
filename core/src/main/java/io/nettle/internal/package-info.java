/**
 * Not API: the protocol-neutral heart of the server (the resolved application, the state of one
 * request, the middleware chain, the worker pool). Nettle's own modules only; may change in any
 * release.
 */
package io.nettle.internal;
