package io.nettle.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs every test of a class once per socket {@link Wire}: over a loopback socket to a server on
 * NIO, and to one on epoll. For tests that only a socket can tell (a peer that stops reading, a
 * reset, a half-close); everything else uses {@link OnEveryWire}. The class takes the wire in its
 * constructor, as with {@link OnEveryWire}; {@link TestClient#server()} is the server to open raw
 * connections to.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ParameterizedClass(name = "[{0}]")
@EnumSource(value = Wire.class, names = {"NIO", "EPOLL"})
public @interface OnSocketWires {
}
