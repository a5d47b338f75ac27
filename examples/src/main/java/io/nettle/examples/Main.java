package io.nettle.examples;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The jar's entry point: {@code java -jar nettle-examples.jar [name] [--port N] [--host H]}
 * runs that example's {@code main}; without a name the {@code showcase} (every example in one
 * app); {@code --help} lists the examples. Ctrl-C (SIGINT/SIGTERM) stops the server gracefully:
 * {@code awaitShutdown()} drains it on the JVM's shutdown by itself.
 */
public final class Main {
    static final String DEFAULT = "showcase";

    /** An example as the command line knows it: a line for {@code --help}, and its {@code main}. */
    record Example(String description, MainMethod main) {
    }

    /** A {@code public static void main(String[])}, e.g. {@code HelloExample::main}. */
    @FunctionalInterface
    interface MainMethod {
        void run(String[] args) throws InterruptedException;
    }

    /** By name, in the order {@code --help} lists them; the showcase's index shows the same lines. */
    private static final Map<String, Example> EXAMPLES = new LinkedHashMap<>();

    static {
        add("hello", "Hello, World! plus a typed path parameter and urlFor", HelloExample::main);
        add("echo", "WebSocket echo on /ws and a page at / that talks to it", EchoExample::main);
        add("auth", "HTTP Basic, requires() with a 401 Basic challenge, a hidden 404 and a redirect, an authenticated WebSocket", AuthExample::main);
        add("apikey", "a JSON API behind API keys in X-API-Key, with read and write scopes", ApiKeyExample::main);
        add("jwt", "POST /token issues a short-lived HS256 JWT; /reports requires its scopes", JwtExample::main);
        add("session", "login form, signed session cookie, /account guarded with a redirect to /login?next=..., logout",
            SessionExample::main);
        add("multi", "several backends: /api with an API key, /app with a JWT or Basic (chain)", MultiExample::main);
        add("roles", "a user class with email and roles, requiresUser(...) guards, @Requires on a class-based endpoint",
            RolesExample::main);
        add("errors", "custom errors: onError gives a JSON 401 with WWW-Authenticate, JSON 403 and 404 handlers",
            ErrorsExample::main);
        add("chat", "authenticated WebSocket chat rooms at /chat/{room}, allowed origins, a page at /", ChatExample::main);
        add("files", "the directory --dir DIR under /static/: ETag and 304, ranges, index.html, precompressed siblings",
            FilesExample::main);
        add("events", "server-sent events: /events ticks every second for signed-in users, Last-Event-ID, a page at /",
            EventsExample::main);
        add("upload", "multipart uploads: POST /upload (Basic) answers each file's size and SHA-256, 413 over 10 MiB, a form at /",
            UploadExample::main);
        add("showcase", "every example above in one app, each under /<name>, an index at /", ShowcaseExample::main);
        add("parity", "the Starlette parity app: Basic auth and every kind of requires()", ParityExample::main);
        add("bench", "the benchmark contract: /plaintext, /json, /secure, /secure-async, WebSocket /ws", BenchExample::main);
    }

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (arguments.help()) {
            System.out.println(usage());
            return;
        }
        Example example = EXAMPLES.get(arguments.name().orElse(DEFAULT));
        if (example == null) {
            System.err.println("Unknown example '" + arguments.name().orElse("") + "'.");
            System.err.println(usage());
            System.exit(2);
            return;
        }
        example.main().run(args);   // it reads the same options; the name is the one argument it ignores
    }

    /** The examples by name. */
    static Map<String, Example> examples() {
        return Collections.unmodifiableMap(EXAMPLES);
    }

    private static void add(String name, String description, MainMethod main) {
        EXAMPLES.put(name, new Example(description, main));
    }

    private static String usage() {
        StringBuilder sb = new StringBuilder("Usage: java -jar nettle-examples.jar [name] [--port N] [--host H] [--access-log]\nExamples:\n");
        EXAMPLES.forEach((name, example) -> sb.append(String.format("  %-10s %s%n", name, example.description())));
        sb.append("Options: --port N, --host H, --io-threads N, --max-connections N, --transport auto|nio|epoll, --access-log,\n")
            .append("         --tls-cert FILE --tls-key FILE (PEM: HTTPS and WSS on the port),\n")
            .append("         --trusted-proxy ADDR_OR_CIDR (repeatable: honour its Forwarded/X-Forwarded-* headers),\n")
            .append("         --dir DIR (files: the directory to serve),\n")
            .append("         --redis redis://HOST:PORT (chat, session: share rooms, sessions and throttles with other instances)\n");
        sb.append("Default: ").append(DEFAULT).append(" on 127.0.0.1:8000");
        return sb.toString();
    }
}
