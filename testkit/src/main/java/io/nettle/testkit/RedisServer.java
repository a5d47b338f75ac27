package io.nettle.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} of the test class's own, on a free loopback port with persistence
 * off, started before its tests and stopped after them. Register it as
 * {@code @RegisterExtension static final RedisServer redis = new RedisServer();} and connect to
 * {@link #uri()}. Faults are real too: {@link #stop()} and {@link #start()} (same port),
 * {@link #freeze()} and {@link #thaw()} (the process stopped with {@code SIGSTOP}: connections
 * stay open and nothing answers, as a Redis that hangs).
 *
 * <p>Without {@code redis-server} (Debian package {@code redis-server}) the class is skipped with
 * a message that says so; it fails instead when the environment variable {@code CI} is
 * {@code true}, so that CI never passes without having run it. The system property
 * {@code redis.server} names another binary.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {
    /** Why a class is skipped (or, under {@code CI=true}, fails). */
    static final String MISSING = "redis-server not found: apt-get install redis-server";
    private static final List<String> BINARIES = List.of("/usr/bin/redis-server", "/usr/sbin/redis-server", "/usr/local/bin/redis-server");
    private static final Duration READY = Duration.ofSeconds(10);

    private int port;
    private Path dir;
    private Process process;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        try {
            binary();
        } catch (Throwable missing) {
            // Surefire counts a skipped class without its reason: say it where it is read.
            System.err.println(context.getRequiredTestClass().getSimpleName() + ": " + missing.getMessage());
            throw missing;
        }
        dir = Files.createTempDirectory("nettle-redis");
        port = freePort();
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stop();
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The server's port; the same after a restart. */
    public int port() {
        return port;
    }

    /** Starts the server (again, on the same port) and waits until it answers {@code PING}. */
    public synchronized void start() throws IOException {
        if (process != null) {
            throw new IllegalStateException("redis-server is running already");
        }
        process = new ProcessBuilder(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--loglevel", "warning", "--daemonize", "no")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
        long deadline = System.nanoTime() + READY.toNanos();
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String log = Files.readString(dir.resolve("redis.log"));
                stop();
                throw new IllegalStateException("redis-server did not start on port " + port + ": " + log);
            }
            sleep(20);
        }
    }

    /** Stops the server at once (as a crash: {@code SIGKILL}); clients see their connections drop. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        thaw();
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops the process ({@code SIGSTOP}): its connections stay open and no command is answered until {@link #thaw()}. */
    public synchronized void freeze() {
        signal("STOP");
    }

    /** Lets a {@link #freeze() frozen} server run again ({@code SIGCONT}). */
    public synchronized void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        if (process == null) {
            throw new IllegalStateException("redis-server is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("kill -" + name + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException notYet) {
            return false;
        }
    }

    /** The redis-server binary; skips (or under {@code CI=true} fails) when there is none. */
    private static String binary() {
        Optional<String> found = Optional.ofNullable(System.getProperty("redis.server"))
            .or(() -> BINARIES.stream().filter(path -> Files.isExecutable(Path.of(path))).findFirst());
        if (found.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(MISSING + " (CI=true: the Redis tests must run)");
            }
            Assumptions.abort(MISSING);
        }
        return found.get();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
