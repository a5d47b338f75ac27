package io.nettle.testing;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.nettle.Tls;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * A certificate authority made at test time (no private key is committed), and the server
 * certificates it issues, written as PEM files for {@link Tls}.
 */
public final class TestCertificates {
    private final X509Bundle root;

    private TestCertificates(X509Bundle root) {
        this.root = root;
    }

    /** A new root authority named {@code CN=commonName}. */
    public static TestCertificates authority(String commonName) {
        try {
            return new TestCertificates(new CertificateBuilder().subject("CN=" + commonName).setIsCertificateAuthority(true)
                .ecp256().buildSelfSigned());
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test certificate authority", e);
        }
    }

    /** The authority's own certificate and key. */
    public X509Bundle root() {
        return root;
    }

    /** A server certificate for {@code name} (and 127.0.0.1), issued by this authority. */
    public X509Bundle serverCertificate(String name) throws Exception {
        return new CertificateBuilder().subject("CN=" + name).addSanDnsName(name).addSanIpAddress("127.0.0.1")
            .addExtendedKeyUsageServerAuth().ecp256().buildIssuedBy(root);
    }

    /** Writes {@code bundle}'s chain and key into {@code dir} as {@code name.crt} and {@code name.key}; returns them as TLS settings. */
    public static Tls pemFiles(X509Bundle bundle, Path dir, String name) throws Exception {
        Path chain = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        Files.writeString(chain, bundle.getCertificatePathPEM());
        Files.writeString(key, bundle.getPrivateKeyPEM());
        return Tls.pem(chain, key);
    }

    /** A client TLS context that trusts this authority only. */
    public SSLContext trustingContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, root.toTrustManagerFactory().getTrustManagers(), null);
        return context;
    }
}
