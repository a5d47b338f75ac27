package io.nettle.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs every test of a class once per {@link Wire}: the three HTTP/1.1 wires of
 * {@link OnEveryWire} and {@link Wire#HTTP2}. For behaviour that must not depend on the protocol
 * (routing, authentication, guards, sessions, errors, limits); the class takes the wire in its
 * constructor and makes its clients with {@link TestClient#of(io.nettle.App, Wire)}, as with
 * {@link OnEveryWire}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ParameterizedClass(name = "[{0}]")
@EnumSource(Wire.class)
public @interface OnEveryProtocol {
}
