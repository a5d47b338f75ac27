package io.nettle;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTPS (and WSS) for a server: its certificate, the certificates chosen by SNI host name,
 * client certificates, and the handshake timeout. Given to
 * {@link ServerSettings.Builder#tls(Tls)}; immutable, each option returns a new value.
 * <pre>{@code
 * ServerSettings.builder()
 *     .tls(Tls.pem(Path.of("fullchain.pem"), Path.of("privkey.pem"))
 *         .withHost("api.example.com", Tls.pkcs12(Path.of("api.p12"), "secret".toCharArray())))
 *     .build();
 * }</pre>
 * <ul>
 * <li>Protocols TLS 1.3 and 1.2 only, with a modern cipher list (forward secrecy, AEAD).</li>
 * <li>OpenSSL (BoringSSL, through {@code netty-tcnative-boringssl-static}) when its native
 *     library loads, the JDK's provider otherwise; which one serves is logged at start.</li>
 * <li>The files are read when the server starts, again by {@code Server.reloadTls()}, and again
 *     whenever one of them changes on disk (checked every few seconds), so short-lived
 *     certificates are renewed without a restart. A reload that fails keeps the certificates
 *     in use and logs why.</li>
 * <li>A client that does not finish its handshake within {@link #handshakeTimeout()}
 *     (default 10 s) is disconnected.</li>
 * </ul>
 */
public final class Tls {
    /** Whether clients present certificates (mutual TLS). */
    public enum ClientAuth {
        /** Client certificates are not asked for. The default. */
        NONE,
        /** Asked for; a client without one is served, one with an untrusted one is refused. */
        OPTIONAL,
        /** Required: a client without a trusted certificate cannot connect. */
        REQUIRE
    }

    /** Where a certificate chain and its private key come from. */
    public sealed interface KeySource permits PemFiles, Pkcs12File {
        /** The files read, watched for changes. */
        List<Path> files();
    }

    /**
     * A PEM certificate chain (leaf first) and a PKCS#8 private key, encrypted when
     * {@code password} is not {@code null}.
     */
    public record PemFiles(Path certificateChain, Path privateKey, char[] password) implements KeySource {
        @Override
        public List<Path> files() {
            return List.of(certificateChain, privateKey);
        }

        @Override
        public String toString() {
            return "PemFiles[" + certificateChain + ", " + privateKey + "]";
        }
    }

    /** A PKCS#12 keystore holding one private key and its certificate chain. */
    public record Pkcs12File(Path keystore, char[] password) implements KeySource {
        @Override
        public List<Path> files() {
            return List.of(keystore);
        }

        @Override
        public String toString() {
            return "Pkcs12File[" + keystore + "]";
        }
    }

    private final KeySource source;
    private final Map<String, Tls> hosts;
    private final ClientAuth clientAuth;
    private final Path trustedClientCas;
    private final Duration handshakeTimeout;
    private final Duration hsts;
    private final int redirectHttpPort;

    private Tls(KeySource source, Map<String, Tls> hosts, ClientAuth clientAuth, Path trustedClientCas, Duration handshakeTimeout,
                Duration hsts, int redirectHttpPort) {
        this.source = source;
        this.hosts = hosts;
        this.clientAuth = clientAuth;
        this.trustedClientCas = trustedClientCas;
        this.handshakeTimeout = handshakeTimeout;
        this.hsts = hsts;
        this.redirectHttpPort = redirectHttpPort;
    }

    /** A certificate chain (PEM, leaf first) and its private key (PEM, PKCS#8, not encrypted). */
    public static Tls pem(Path certificateChain, Path privateKey) {
        return pem(certificateChain, privateKey, null);
    }

    /** A certificate chain (PEM) and its PKCS#8 private key encrypted with {@code password}. */
    public static Tls pem(Path certificateChain, Path privateKey, char[] password) {
        return of(new PemFiles(Objects.requireNonNull(certificateChain, "certificateChain"),
            Objects.requireNonNull(privateKey, "privateKey"), password == null ? null : password.clone()));
    }

    /** The key and certificate chain of a PKCS#12 keystore. */
    public static Tls pkcs12(Path keystore, char[] password) {
        return of(new Pkcs12File(Objects.requireNonNull(keystore, "keystore"), Objects.requireNonNull(password, "password").clone()));
    }

    private static Tls of(KeySource source) {
        return new Tls(source, Map.of(), ClientAuth.NONE, null, Duration.ofSeconds(10), null, -1);
    }

    /**
     * This TLS, serving {@code certificate}'s key and chain to clients that ask for {@code host}
     * by SNI ({@code api.example.com}, or {@code *.example.com} for any one-level subdomain).
     * Clients that ask for another name, or none, get this one's certificate. Only the key and
     * certificate of {@code certificate} are used: protocols, client authentication and timeouts
     * are this TLS's.
     */
    public Tls withHost(String host, Tls certificate) {
        Objects.requireNonNull(certificate, "certificate");
        String name = Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.indexOf('*', 1) >= 0 || name.startsWith("*") && !name.startsWith("*.")) {
            throw new IllegalArgumentException("an SNI host is a name or *.domain, not '" + host + "'");
        }
        Map<String, Tls> more = new LinkedHashMap<>(hosts);
        more.put(name, certificate);
        return new Tls(source, Map.copyOf(more), clientAuth, trustedClientCas, handshakeTimeout, hsts, redirectHttpPort);
    }

    /**
     * This TLS, asking clients for certificates issued by the CAs of {@code trustedCas} (PEM).
     * The verified chain of a client is then {@code connection.clientCertificates()}.
     */
    public Tls clientAuth(ClientAuth mode, Path trustedCas) {
        Objects.requireNonNull(mode, "mode");
        if (mode != ClientAuth.NONE) {
            Objects.requireNonNull(trustedCas, "trustedCas");
        }
        return new Tls(source, hosts, mode, mode == ClientAuth.NONE ? null : trustedCas, handshakeTimeout, hsts, redirectHttpPort);
    }

    /** This TLS, cutting off clients that do not finish their handshake within {@code timeout}. Default: 10 s. */
    public Tls handshakeTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive");
        }
        return new Tls(source, hosts, clientAuth, trustedClientCas, timeout, hsts, redirectHttpPort);
    }

    /**
     * This TLS, telling browsers to use HTTPS only for {@code maxAge}
     * ({@code Strict-Transport-Security: max-age=...} on every response over TLS). Default: not sent.
     * Send it once HTTPS works for the whole host: browsers remember it.
     */
    public Tls hsts(Duration maxAge) {
        if (maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException("the HSTS max-age must not be negative");
        }
        return new Tls(source, hosts, clientAuth, trustedClientCas, handshakeTimeout, maxAge, redirectHttpPort);
    }

    /**
     * This TLS, with a cleartext listener on {@code port} (same host) that answers every request
     * with {@code 308 Permanent Redirect} to the same URL over HTTPS on the server's port.
     */
    public Tls redirectHttpFrom(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
        return new Tls(source, hosts, clientAuth, trustedClientCas, handshakeTimeout, hsts, port);
    }

    /** How long browsers are told to use HTTPS only, if at all. Default: not sent. */
    public Optional<Duration> hsts() {
        return Optional.ofNullable(hsts);
    }

    /** The cleartext port redirected to HTTPS, if any (0: a free port). Default: none. */
    public java.util.OptionalInt redirectHttpPort() {
        return redirectHttpPort < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(redirectHttpPort);
    }

    /** Where the certificate served by default comes from. */
    public KeySource keySource() {
        return source;
    }

    /** The certificates chosen by SNI host name (lower case), in the order given. */
    public Map<String, Tls> hosts() {
        return hosts;
    }

    /** Whether client certificates are asked for. Default: {@link ClientAuth#NONE}. */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** The CAs client certificates must be issued by, when they are asked for. */
    public Optional<Path> trustedClientCas() {
        return Optional.ofNullable(trustedClientCas);
    }

    /** How long a client has to finish its handshake. Default: 10 s. */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }
}
