/**
 * Not API: HTTP/2 on the wire. A connection becomes HTTP/2 by ALPN ({@code h2}) on a TLS port or
 * by starting with the preface ({@code h2c} with prior knowledge) on a cleartext one; Netty's
 * frame codec and multiplexer then carry it, the connection guard bounds what a client may make
 * it do, and each stream is served as an exchange like an HTTP/1.1 request. Nettle's own modules
 * only.
 */
package io.nettle.internal.http2;
