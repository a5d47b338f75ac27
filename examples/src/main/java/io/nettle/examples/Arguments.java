package io.nettle.examples;

import io.nettle.Server;
import io.nettle.ServerSettings;
import io.nettle.Tls;
import io.nettle.redis.Redis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The command line every example's {@code main} reads: an optional example name (for
 * {@link Main}) and options. Unknown options and malformed values are an
 * {@link IllegalArgumentException} with a message for the user.
 *
 * @param name      the example, if given
 * @param host      {@code --host}, default {@code 127.0.0.1}
 * @param port      {@code --port}, default 8000
 * @param ioThreads {@code --io-threads}, default 0 (Netty's default)
 * @param maxConnections {@code --max-connections}, default {@code ServerSettings}' 10,000
 * @param transport {@code --transport}: {@code auto}, {@code nio} or {@code epoll}
 * @param tls       {@code --tls-cert FILE --tls-key FILE} (PEM), both or neither: HTTPS and WSS on the port
 * @param help      {@code --help}
 * @param accessLog {@code --access-log}: one line per request and WebSocket session on the logger {@code io.nettle.access}
 * @param trustedProxies {@code --trusted-proxy ADDR_OR_CIDR}, repeatable: the proxies whose
 *                  {@code Forwarded} / {@code X-Forwarded-*} headers are honoured; default none
 * @param dir       {@code --dir DIR}: the directory the {@code files} example serves (the others ignore it)
 * @param redis     {@code --redis URI}: the Redis that several instances of {@code chat} (its rooms) or
 *                  {@code session} (its sessions and sign-in throttle) share (the others ignore it)
 */
record Arguments(Optional<String> name, String host, int port, int ioThreads, int maxConnections, String transport, Optional<Tls> tls,
                 boolean help, boolean accessLog, List<String> trustedProxies, Optional<Path> dir, Optional<String> redis) {

    /** The server settings these options ask for. */
    ServerSettings settings() {
        return ServerSettings.builder()
            .ioThreads(ioThreads)
            .maxConnections(maxConnections)
            .transport(ServerSettings.Transport.valueOf(transport.toUpperCase(Locale.ROOT)))
            .tls(tls.orElse(null))
            .accessLog(accessLog)
            .trustedProxies(trustedProxies.toArray(String[]::new))
            .build();
    }

    /**
     * Connects to the {@code --redis} server, if one was given; when it cannot be reached, says
     * so and exits with status 1 (an example cannot share state it cannot reach).
     */
    Optional<Redis> connectRedis() {
        try {
            return redis.map(Redis::connect);
        } catch (IllegalStateException unreachable) {
            System.err.println(unreachable.getMessage());
            System.exit(1);
            return Optional.empty();
        }
    }

    /**
     * Says where {@code example} now serves, e.g.
     * {@code Example 'hello' on http://127.0.0.1:8000/ (epoll); Ctrl-C stops it}. Scripts read
     * this line (benchmarks/soak.sh finds the port of {@code bench --port 0} in it): keep its form.
     */
    void printStarted(String example, Server server) {
        System.out.println("Example '" + example + "' on " + (tls.isPresent() ? "https" : "http") + "://" + host + ":" + server.port()
            + "/ (" + server.transport() + "); Ctrl-C stops it");
    }

    static Arguments parse(String[] args) {
        String name = null;
        String host = "127.0.0.1";
        int port = 8000;
        int ioThreads = 0;
        int maxConnections = ServerSettings.builder().build().maxConnections();
        String transport = "auto";
        String tlsCert = null;
        String tlsKey = null;
        boolean help = false;
        boolean accessLog = false;
        List<String> trustedProxies = new ArrayList<>();
        Path dir = null;
        String redis = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> help = true;
                case "--access-log" -> accessLog = true;
                case "--host" -> host = value(args, ++i, arg);
                case "--port" -> port = number(value(args, ++i, arg), arg, 0, 65535);
                case "--io-threads" -> ioThreads = number(value(args, ++i, arg), arg, 0, 1024);
                case "--max-connections" -> maxConnections = number(value(args, ++i, arg), arg, 1, 10_000_000);
                case "--trusted-proxy" -> trustedProxies.add(trustedProxy(value(args, ++i, arg)));
                case "--transport" -> {
                    transport = value(args, ++i, arg);
                    if (!transport.matches("auto|nio|epoll")) {
                        throw new IllegalArgumentException("--transport must be auto, nio or epoll");
                    }
                }
                case "--tls-cert" -> tlsCert = value(args, ++i, arg);
                case "--tls-key" -> tlsKey = value(args, ++i, arg);
                case "--dir" -> dir = Path.of(value(args, ++i, arg));
                case "--redis" -> redis = redisUri(value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("-") || name != null) {
                        throw new IllegalArgumentException("Unexpected argument '" + arg + "'");
                    }
                    name = arg;
                }
            }
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: the certificate chain and its private key (PEM)");
        }
        Optional<Tls> tls = tlsCert == null ? Optional.empty() : Optional.of(Tls.pem(Path.of(tlsCert), Path.of(tlsKey)));
        return new Arguments(Optional.ofNullable(name), host, port, ioThreads, maxConnections, transport, tls, help, accessLog,
            List.copyOf(trustedProxies), Optional.ofNullable(dir), Optional.ofNullable(redis));
    }

    /** {@code text}, checked as {@code ServerSettings} checks a trusted proxy. */
    private static String trustedProxy(String text) {
        try {
            ServerSettings.builder().trustedProxies(text);
            return text;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--trusted-proxy: " + e.getMessage());
        }
    }

    /** {@code text}, checked as {@code Redis} checks a URI. */
    private static String redisUri(String text) {
        try {
            Redis.builder(text);
            return text;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--redis: " + e.getMessage());
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String text, String option, int min, int max) {
        try {
            int n = Integer.parseInt(text);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number within " + min + ".." + max + ", was '" + text + "'");
        }
    }
}
