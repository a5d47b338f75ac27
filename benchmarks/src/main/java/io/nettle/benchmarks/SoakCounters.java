package io.nettle.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The running totals of a soak: responses by status class, requests, WebSocket messages,
 * garbage connections by kind and every unexpected outcome by reason. Thread-safe. Written
 * as {@code name=value} lines to a file that {@code soak.sh} reads each minute; the first
 * {@value #DETAILS_LOGGED} unexpected outcomes are also printed to stderr with their details.
 */
final class SoakCounters {
    static final int DETAILS_LOGGED = 100;

    private final LongAdder requests = new LongAdder();
    private final LongAdder wsMessages = new LongAdder();
    private final LongAdder wsPongs = new LongAdder();
    private final LongAdder wsConnections = new LongAdder();
    private final LongAdder garbage = new LongAdder();
    private final LongAdder garbageSkipped = new LongAdder();
    private final LongAdder unexpected = new LongAdder();
    private final LongAdder[] statusClasses = new LongAdder[6];
    private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> garbageKinds = new ConcurrentHashMap<>();
    private final AtomicInteger logged = new AtomicInteger();

    SoakCounters() {
        for (int i = 0; i < statusClasses.length; i++) {
            statusClasses[i] = new LongAdder();
        }
    }

    /** A response of the keep-alive HTTP clients, counted as a request (its status via {@link #status}). */
    void request() {
        requests.increment();
    }

    /** Any HTTP status seen, from the load or from a garbage connection (101 of a WebSocket handshake too). */
    void status(int code) {
        statusClasses[code >= 100 && code < 600 ? code / 100 : 0].increment();
    }

    /** A WebSocket echo that came back equal to what was sent. */
    void wsMessage() {
        wsMessages.increment();
    }

    /** A pong that carried the payload of the ping. */
    void wsPong() {
        wsPongs.increment();
    }

    /** A completed WebSocket handshake (101). */
    void wsConnection() {
        wsConnections.increment();
    }

    /** A garbage connection of that kind that ran to its end. */
    void garbage(String kind) {
        garbage.increment();
        garbageKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** A garbage connection not started because every garbage thread was busy (the rate is bounded, not queued). */
    void garbageSkipped() {
        garbageSkipped.increment();
    }

    /** An outcome other than the expected one: wrong status or body, echo mismatch, lost connection, timeout. */
    void unexpected(String reason, String detail) {
        unexpected.increment();
        reasons.computeIfAbsent(reason, k -> new LongAdder()).increment();
        if (logged.getAndIncrement() < DETAILS_LOGGED) {
            System.err.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " UNEXPECTED " + reason + ": " + detail);
        }
    }

    long unexpectedCount() {
        return unexpected.sum();
    }

    /** The totals as {@code name=value} lines, sorted by name after the main ones. */
    String format() {
        StringBuilder sb = new StringBuilder();
        line(sb, "requests", requests.sum());
        line(sb, "ws_messages", wsMessages.sum());
        line(sb, "ws_pongs", wsPongs.sum());
        line(sb, "ws_connections", wsConnections.sum());
        line(sb, "garbage", garbage.sum());
        line(sb, "garbage_skipped", garbageSkipped.sum());
        for (int i = 1; i < statusClasses.length; i++) {
            line(sb, "status_" + i + "xx", statusClasses[i].sum());
        }
        line(sb, "status_other", statusClasses[0].sum());
        line(sb, "unexpected", unexpected.sum());
        new TreeMap<>(garbageKinds).forEach((kind, n) -> line(sb, "garbage." + kind, n.sum()));
        new TreeMap<>(reasons).forEach((reason, n) -> line(sb, "unexpected." + reason.replace(' ', '_'), n.sum()));
        return sb.toString();
    }

    /** Replaces {@code file} atomically with {@link #format()}, so a reader never sees half of it. */
    void writeTo(Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, format(), StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void line(StringBuilder sb, String name, long value) {
        sb.append(name).append('=').append(value).append('\n');
    }
}
