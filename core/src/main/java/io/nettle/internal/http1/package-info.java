/**
 * Not API: HTTP/1.1 on the wire (the pipeline of a connection, request decoding, response
 * encoding, keep-alive, pipelining, timeouts, the WebSocket handshake). Nettle's own modules only.
 */
package io.nettle.internal.http1;
