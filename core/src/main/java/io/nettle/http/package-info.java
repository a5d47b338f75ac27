/**
 * What an endpoint sees and answers: {@link io.nettle.http.Request} and its common base with a
 * WebSocket, {@link io.nettle.http.Connection} (URL, headers, parameters, cookies, client, user,
 * session), the immutable {@link io.nettle.http.Response}, cookies, and
 * {@link io.nettle.http.HttpException} for error answers.
 */
package io.nettle.http;
