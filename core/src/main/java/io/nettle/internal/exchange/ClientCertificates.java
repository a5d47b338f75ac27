package io.nettle.internal.exchange;

import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;

/** The certificate chain a TLS client presented and the handshake verified. */
final class ClientCertificates {
    private ClientCertificates() {
    }

    /** The verified chain (leaf first), or empty when the client presented none. */
    static List<X509Certificate> of(SslHandler tls) {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : tls.engine().getSession().getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
            return List.copyOf(chain);
        } catch (SSLPeerUnverifiedException none) {
            return List.of();
        }
    }
}
