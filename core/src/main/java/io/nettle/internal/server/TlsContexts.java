package io.nettle.internal.server;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import io.nettle.Tls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS contexts of a server: one for its default certificate and one per SNI host, built
 * from the {@link Tls} settings with OpenSSL when it loads (the JDK's provider otherwise), and
 * rebuilt by {@link #reload()} without touching the connections already made. Each new
 * connection starts with {@link #newHandler()}: it reads the client's SNI name, picks the
 * context, and cuts off a client that does not finish its handshake in time.
 */
public final class TlsContexts {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);
    /** TLS 1.3 suites, then TLS 1.2 with forward secrecy and AEAD only. */
    private static final List<String> CIPHERS = List.of(
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final int MAX_CLIENT_HELLO = 16 * 1024;

    private final Tls tls;
    private final SslProvider provider;
    /** The protocols offered by ALPN, most preferred first: {@code h2} (when on), then {@code http/1.1}. */
    private final ApplicationProtocolConfig alpn;
    private volatile Mapping<String, SslContext> contexts;

    /**
     * Builds the contexts of {@code tls}, offering {@code h2} by ALPN when {@code http2} is on.
     *
     * @throws IllegalStateException naming the file that cannot be read or used
     */
    public TlsContexts(Tls tls, boolean http2) {
        this.tls = tls;
        this.provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        this.alpn = new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            http2 ? List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1) : List.of(ApplicationProtocolNames.HTTP_1_1));
        this.contexts = build();
    }

    /** Which implementation serves TLS, for the start-up log line. */
    public String providerDescription() {
        return provider == SslProvider.OPENSSL ? "OpenSSL (" + OpenSsl.versionString() + ")"
            : "the JDK's provider (OpenSSL not available: " + OpenSsl.unavailabilityCause() + ")";
    }

    /**
     * The handler that starts TLS on a new connection: with SNI hosts, one that reads the
     * client's hello to pick the context; without, the default context's handler at once (no
     * hello parsed twice). Either reads the contexts current at connection time, so reloads apply.
     */
    public ChannelHandler newHandler(ByteBufAllocator allocator) {
        long timeout = tls.handshakeTimeout().toMillis();
        if (tls.hosts().isEmpty()) {
            SslHandler handler = contexts.map(null).newHandler(allocator);
            handler.setHandshakeTimeoutMillis(timeout);
            return handler;
        }
        return new SniHandler((Mapping<String, SslContext>) host -> contexts.map(host), MAX_CLIENT_HELLO, timeout) {
            @Override
            protected SslHandler newSslHandler(SslContext context, ByteBufAllocator allocator) {
                SslHandler handler = super.newSslHandler(context, allocator);
                handler.setHandshakeTimeoutMillis(timeout);
                return handler;
            }
        };
    }

    /** Every file the contexts are built from, to watch for changes. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>(tls.keySource().files());
        tls.trustedClientCas().ifPresent(files::add);
        tls.hosts().values().forEach(host -> files.addAll(host.keySource().files()));
        return files;
    }

    /**
     * Reads the files again and serves the new certificates to new connections. A failure keeps
     * the certificates in use.
     *
     * @throws IllegalStateException naming what is wrong, when the new files cannot be used
     */
    public void reload() {
        contexts = build();
    }

    private Mapping<String, SslContext> build() {
        DomainWildcardMappingBuilder<SslContext> mapping = new DomainWildcardMappingBuilder<>(context(tls));
        for (Map.Entry<String, Tls> host : tls.hosts().entrySet()) {
            mapping.add(host.getKey(), context(host.getValue()));
        }
        return mapping.build();
    }

    /** The context serving {@code certificate}'s key, with the protocols, ciphers and client authentication of the server's TLS. */
    private SslContext context(Tls certificate) {
        try {
            SslContextBuilder builder = keys(certificate.keySource())
                .sslProvider(provider)
                .protocols(PROTOCOLS)
                .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(alpn);
            if (tls.clientAuth() != Tls.ClientAuth.NONE) {
                builder.clientAuth(tls.clientAuth() == Tls.ClientAuth.REQUIRE ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL)
                    .trustManager(tls.trustedClientCas().orElseThrow().toFile());
            }
            return builder.build();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("cannot use the TLS files " + certificate.keySource().files() + ": " + reason(e), e);
        }
    }

    private static SslContextBuilder keys(Tls.KeySource source) throws IOException, GeneralSecurityException {
        if (source instanceof Tls.PemFiles pem) {
            requireReadable(pem.files());
            return SslContextBuilder.forServer(pem.certificateChain().toFile(), pem.privateKey().toFile(),
                pem.password() == null ? null : new String(pem.password()));
        }
        Tls.Pkcs12File pkcs12 = (Tls.Pkcs12File) source;
        requireReadable(pkcs12.files());
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12.keystore())) {
            keystore.load(in, pkcs12.password());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keystore, pkcs12.password());
        return SslContextBuilder.forServer(keys);
    }

    private static void requireReadable(List<Path> files) {
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new UncheckedIOException(new IOException(file + " cannot be read"));
            }
        }
    }

    /** The message of the deepest cause: what is wrong with a file, in the JDK's or Netty's words. */
    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** Logs the failure of a reload; the certificates in use stay. */
    void reloadOrKeep() {
        try {
            reload();
            LOG.info("TLS certificates reloaded from {}", files());
        } catch (IllegalStateException e) {
            LOG.warn("TLS certificates not reloaded, keeping those in use: {}", e.getMessage());
        }
    }
}
