/**
 * Not API: what every protocol shares to serve a request: the facts of its connection (who the
 * client is, TLS, client certificates, the PROXY protocol's source), and the exchange that reads
 * a request's body on demand within its limits. HTTP/1.1 and HTTP/2 build on it.
 */
package io.nettle.internal.exchange;
