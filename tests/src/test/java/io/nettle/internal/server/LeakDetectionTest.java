package io.nettle.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import io.nettle.App;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Netty's leak detector is off in a server's JVM unless its properties ask for it. */
class LeakDetectionTest {

    @Test
    void aJvmWithoutLeakPropertiesHasTheDetectorTurnedOff() {
        assertThat(LeakDetection.asked(Map.<String, String>of()::get)).isFalse();
    }

    @Test
    void eitherPropertyLeavesTheDetectorAsTheJvmSays() {
        assertThat(LeakDetection.asked(Map.of(LeakDetection.LEVEL, "simple")::get)).isTrue();
        assertThat(LeakDetection.asked(Map.of(LeakDetection.LEGACY_OFF, "true")::get)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "no leak property, '', DISABLED",
        "-Dio.netty.leakDetection.level=simple, -Dio.netty.leakDetection.level=simple, SIMPLE"})
    void aServerTurnsTheDetectorOffUnlessTheJvmSetsIt(String what, String property, String level) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (!property.isEmpty()) {
            command.add(property);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.nettle.testing.LeakLevelOfAServer"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as(what).contains("level " + level);
    }

    @Test
    void aServerStartedWithTheLevelSetKeepsIt() {
        // The build runs every test JVM with -Dio.netty.leakDetection.level=PARANOID.
        assertThat(System.getProperty(LeakDetection.LEVEL)).isEqualToIgnoringCase("paranoid");
        App app = App.builder().route(Route.get("/", Endpoint.sync(request -> Response.text("ok")))).build();
        try (TestClient client = TestClient.of(app, Wire.NIO)) {
            assertThat(client.get("/").text()).isEqualTo("ok");
            assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        }
    }
}
