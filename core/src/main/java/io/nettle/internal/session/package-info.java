/**
 * Not API: the signed session cookie (its payload and signer). Nettle's own modules only.
 */
package io.nettle.internal.session;
