/**
 * The built-in authentication backends: HTTP Basic, API keys, JWT bearer tokens and sessions.
 */
package io.nettle.auth.backends;
