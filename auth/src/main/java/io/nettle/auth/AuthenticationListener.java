package io.nettle.auth;

import io.nettle.http.Connection;
import io.nettle.security.BaseUser;
import java.util.List;

/**
 * Hears the outcomes of authentication and authorization, for metrics and audit logs. It is
 * told who, never with what: no credential, token or header value reaches it. Calls happen on
 * the connection's event loop: keep them quick and non-blocking. Every method does nothing by
 * default.
 */
public interface AuthenticationListener {

    /** A backend authenticated {@code user}. */
    default void authenticated(Connection connection, BaseUser user) {
    }

    /** No credentials were presented (or none a backend recognised): the connection is anonymous. */
    default void anonymous(Connection connection) {
    }

    /** A backend refused the credentials; {@code error} is the message sent to the client. */
    default void failed(Connection connection, AuthenticationError error) {
    }

    /** A guard ({@code requires}) refused the connection, which lacked some of {@code required}. */
    default void denied(Connection connection, List<String> required) {
    }
}
