package io.nettle;

import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.testing.RawSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a JVM whose main serves with the README's pattern
 * ({@code try (Server s = app.serve(...)) { s.awaitShutdown(); }}) drains the server: the request
 * in flight is answered and the {@code onShutdown} hooks run before the JVM exits.
 */
class GracefulShutdownTest {
    private static final Pattern PORT = Pattern.compile("port (\\d+)");

    @Test
    void sigtermLetsTheRequestInFlightFinishAndRunsTheShutdownHooks(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("app.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SigtermApp.class.getName())
            .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            int port = awaitPort(output);
            try (RawSocket socket = RawSocket.connect(port)) {
                socket.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
                Thread.sleep(300);
                process.destroy(); // SIGTERM
                String response = socket.readUntilClosed(Duration.ofSeconds(10));
                assertThat(response).as("the request in flight").startsWith("HTTP/1.1 200")
                    .containsIgnoringCase("connection: close").endsWith("finished");
            }
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("the JVM exited").isTrue();
            assertThat(Files.readString(output, StandardCharsets.UTF_8)).contains("onShutdown ran");
        } finally {
            process.destroyForcibly();
        }
    }

    private static int awaitPort(Path output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Matcher port = PORT.matcher(Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "");
            if (port.find()) {
                return Integer.parseInt(port.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the app did not start: " + (Files.exists(output) ? Files.readString(output) : ""));
    }
}
