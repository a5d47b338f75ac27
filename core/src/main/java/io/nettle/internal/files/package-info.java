/**
 * Not API: serving files as {@code io.nettle.routing.StaticFiles} does: the safe way from a
 * request path to a file or resource, validators and conditional requests, byte ranges, and
 * precompressed siblings.
 */
package io.nettle.internal.files;
