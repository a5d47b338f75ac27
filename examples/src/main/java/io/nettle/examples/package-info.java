/**
 * Runnable example apps, one per scenario of the Starlette authentication guide, each a small
 * program whose {@code main} builds its {@code App} and serves it, plus the showcase that mounts
 * their routes; {@code java -jar nettle-examples.jar NAME} runs one.
 */
package io.nettle.examples;
