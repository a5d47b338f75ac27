/**
 * Testing Nettle apps: {@link io.nettle.testkit.TestClient} (in memory or over a real loopback
 * socket, see {@link io.nettle.testkit.Wire}), {@link io.nettle.testkit.OnEveryWire}, AssertJ
 * assertions for responses, and the leak guard that fails a test leaking a Netty buffer.
 */
package io.nettle.testkit;
