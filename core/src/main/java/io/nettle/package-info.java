/**
 * The application and its server: {@link io.nettle.App} (built once with {@code App.builder()},
 * served with {@code app.serve(host, port)}), {@link io.nettle.Server}, {@link io.nettle.ServerSettings}
 * (limits and timeouts) and the lifecycle hooks.
 */
package io.nettle;
