package io.nettle.auth.backends;

import io.nettle.auth.AuthResult;
import io.nettle.auth.AuthenticationBackend;
import io.nettle.http.Connection;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Authenticates the client by the certificate it presented on a mutual-TLS connection
 * ({@code Tls.clientAuth(...)}): the handshake already verified the chain against the server's
 * trusted CAs, so this backend only turns the certificate into a user, and {@code requires(...)}
 * guards mTLS clients like any other.
 * <pre>{@code
 * new AuthenticationMiddleware(ClientCertificateBackend.byCommonName("authenticated", "service"))
 * new AuthenticationMiddleware(new ClientCertificateBackend(cert -> services.lookup(cert)))
 * }</pre>
 * A connection without a client certificate is anonymous (the server decides whether one is
 * required); the mapper's empty answer is anonymous too. Every user found has the scope
 * {@code authenticated}, added when the mapper's result leaves it out. The backend has no
 * challenge (the certificate is asked for by the TLS handshake, not by a header).
 */
public final class ClientCertificateBackend implements AuthenticationBackend {
    private final Function<X509Certificate, Optional<AuthResult>> mapper;

    /** A backend turning the verified leaf certificate into a user with {@code mapper}. */
    public ClientCertificateBackend(Function<X509Certificate, Optional<AuthResult>> mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * A backend whose user is named by the certificate subject's common name ({@code CN}), with
     * {@code scopes} ({@code "authenticated"} is always among them).
     */
    public static ClientCertificateBackend byCommonName(String... scopes) {
        return new ClientCertificateBackend(certificate -> commonName(certificate)
            .map(name -> AuthResult.user(name, withAuthenticated(scopes))));
    }

    @Override
    public CompletionStage<Optional<AuthResult>> authenticate(Connection connection) {
        var chain = connection.clientCertificates();
        if (chain.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Optional<AuthResult> result = mapper.apply(chain.get(0));
        return CompletableFuture.completedFuture(result == null ? Optional.empty() : result.map(AuthResult::withAuthenticated));
    }

    /** The common name of {@code certificate}'s subject, if it has one. */
    public static Optional<String> commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    private static String[] withAuthenticated(String... scopes) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        all.add("authenticated");
        all.addAll(java.util.List.of(scopes));
        return all.toArray(String[]::new);
    }
}
