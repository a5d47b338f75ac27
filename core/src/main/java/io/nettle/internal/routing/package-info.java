/**
 * Not API: path templates, converters and the route trie that matches a path in one walk, and
 * the router that ends the middleware chain. Nettle's own modules only.
 */
package io.nettle.internal.routing;
