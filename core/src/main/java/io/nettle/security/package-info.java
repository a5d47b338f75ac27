/**
 * Who the client is: {@link io.nettle.security.BaseUser} and its implementations, and
 * {@link io.nettle.security.AuthCredentials} (the scopes a request was granted), as set by an
 * authentication middleware and read through {@code connection.user()} and {@code connection.auth()}.
 */
package io.nettle.security;
