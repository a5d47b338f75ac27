package io.nettle.examples;

import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.ServerSettings;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.Wire;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The events example. The {@code TestClient} reads whole responses, and a tick stream never ends:
 * the streams are read from the server it starts on a loopback socket, with the JDK's client,
 * a few events at a time before leaving (which must stop that stream's ticker).
 */
@Timeout(20)
class EventsExampleTest {
    private static final Duration FAST = Duration.ofMillis(50);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();

    private final EventsExample.Ticker ticker = new EventsExample.Ticker(FAST);
    private final TestClient client = TestClient.of(EventsExample.app(ServerSettings.defaults(), ticker), Wire.NIO);

    @AfterEach
    void close() {
        client.close();
    }

    private static String basic(String user) {
        return DemoLogin.basic(user + ":secret");
    }

    /** One event as it came: its fields by name ({@code event}, {@code id}, {@code data}). */
    private record Event(Map<String, String> fields) {
        String id() {
            return fields.get("id");
        }
    }

    /** The first {@code count} events of {@code client}'s {@code /events} as {@code user}, after {@code lastEventId} if not null; then it leaves. */
    private static List<Event> firstEvents(TestClient client, String user, String lastEventId, int count) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + client.server().orElseThrow().port() + "/events"))
            .header("Authorization", basic(user)).timeout(Duration.ofSeconds(5));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        List<Event> events = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            Map<String, String> fields = new LinkedHashMap<>();
            while (events.size() < count) {
                String line = lines.readLine();
                assertThat(line).as("the stream ended after " + events).isNotNull();
                if (line.isEmpty()) {
                    if (!fields.isEmpty()) {
                        events.add(new Event(fields));
                        fields = new LinkedHashMap<>();
                    }
                } else if (!line.startsWith(":")) {
                    int colon = line.indexOf(':');
                    fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
                }
            }
        }   // closing the body closes the connection: the client left
        return events;
    }

    /** Waits for every stream's ticker to stop. */
    private void awaitNoTicker() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ticker.running() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(ticker.running()).as("tickers still running after their clients left").isZero();
    }

    @Test
    void anonymousGets403AndThePageAsksForAPassword() {
        assertThat(client.get("/events")).hasStatus(403);
        assertThat(client.get("/")).hasStatus(401).hasHeader("WWW-Authenticate", "Basic realm=\"events\"");
        assertThat(client.get("/", Map.of("Authorization", basic("admin")))).hasStatus(200).hasContentType("text/html")
            .hasBodyContaining("new EventSource(url)");
        assertThat(ticker.running()).isZero();
    }

    @Test
    void signedInUsersGetTicksWithIncreasingIdsUntilTheyLeave() throws Exception {
        List<Event> events = firstEvents(client, "tom", null, 3);
        assertThat(events).extracting(Event::id).containsExactly("1", "2", "3");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.fields()).containsEntry("event", "tick");
            assertThat(event.fields().get("data")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        });
        awaitNoTicker();
    }

    @Test
    void aClientResumingAfterId5GetsIdsFrom6() throws Exception {
        assertThat(firstEvents(client, "admin", "5", 2)).extracting(Event::id).containsExactly("6", "7");
        assertThat(firstEvents(client, "tom", "not a number", 1)).extracting(Event::id).as("an id never sent: from the start")
            .containsExactly("1");
        awaitNoTicker();
    }

    @Test
    void ticksGoOutOnceASecond() throws Exception {
        assertThat(EventsExample.PERIOD).isEqualTo(Duration.ofSeconds(1));
        try (TestClient real = TestClient.of(EventsExample.app(ServerSettings.defaults()), Wire.NIO)) {
            long start = System.nanoTime();
            List<Event> events = firstEvents(real, "tom", null, 2);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(events).extracting(Event::id).containsExactly("1", "2");
            assertThat(took).as("the first at once, the second a second later").isBetween(Duration.ofMillis(800), Duration.ofSeconds(5));
        }
    }
}
