/**
 * Starlette's authentication model for Nettle: backends, {@code AuthenticationMiddleware},
 * {@code requires(...)} guards and the built-in Basic, API key, JWT and session backends. Built
 * on the public API of core and websocket only.
 */
module io.nettle.auth {
    requires transitive io.nettle.core;
    requires transitive io.nettle.websocket;
    requires transitive com.nimbusds.jose.jwt;
    requires java.naming;
    // Resolves Bouncy Castle for core's PasswordHasher (Argon2id), which core requires only statically.
    requires org.bouncycastle.provider;
    requires org.slf4j;

    exports io.nettle.auth;
    exports io.nettle.auth.backends;
}
