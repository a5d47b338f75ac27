package io.nettle.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs every test of a class once per HTTP/1.1 {@link Wire}: in memory, over a loopback socket to
 * a server on NIO, and to one on epoll. The class takes the wire in its constructor and makes its
 * clients with {@link TestClient#of(io.nettle.App, Wire)}:
 * <pre>{@code
 * @OnEveryWire
 * class PingTest {
 *     private final Wire wire;
 *
 *     PingTest(Wire wire) {
 *         this.wire = wire;
 *     }
 *
 *     @Test
 *     void answersPong() {
 *         try (TestClient client = TestClient.of(app, wire)) {
 *             assertThat(client.get("/ping")).hasStatus(200).hasBody("pong");
 *         }
 *     }
 * }
 * }</pre>
 * Where the native epoll transport does not load, the epoll runs are skipped (and fail when the
 * environment variable {@code CI} is {@code true}). This is JUnit's {@code @ParameterizedClass}
 * over {@link Wire}; the test module needs {@code junit-jupiter-params}. {@link OnEveryProtocol}
 * adds HTTP/2 for tests of what is the same whatever the protocol.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ParameterizedClass(name = "[{0}]")
@EnumSource(value = Wire.class, names = {"IN_MEMORY", "NIO", "EPOLL"})
public @interface OnEveryWire {
}
