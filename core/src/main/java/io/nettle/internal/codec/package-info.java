/**
 * Not API: text formats read from and written to the wire (percent-encoding, query strings and
 * forms, JSON bodies, header views, the Host header). Nettle's own modules only.
 */
package io.nettle.internal.codec;
