package io.nettle.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the measurements of {@code benchmarks/run.sh} (a TSV: table, endpoint, server, round,
 * requests, req/s, p99 µs, server CPU ticks, errors) into markdown tables: medians over the
 * rounds, server CPU µs per request, and the ratios Nettle/raw Netty, Nettle/Vert.x and the A/A
 * check (a second Nettle process, same build and flags), each with the range of the per-round
 * paired ratios (the servers of one round ran back to back, so pairing cancels slow drift).
 * <pre>java -cp benchmarks/target/nettle-benchmarks.jar io.nettle.benchmarks.RunReport results.tsv</pre>
 */
public final class RunReport {
    private static final String NETTLE = "nettle";
    private static final String AA = "nettle-aa";
    private static final String RAW = "raw-netty";
    private static final String VERTX = "vertx-web";
    /** The sessions part's baseline: sessions in the signed cookie, against Nettle's with a Redis store. */
    private static final String COOKIE = "nettle-cookie";

    private record Row(String table, String endpoint, String server, int round, long requests, double rps,
                       double p99Micros, long cpuTicks, long errors) {
        double cpuMicrosPerRequest() {
            return requests == 0 ? Double.NaN : ProcStat.ticksToMicros(cpuTicks) / requests;
        }
    }

    private RunReport() {
    }

    public static void main(String[] args) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            rows.add(new Row(f[0], f[1], f[2], Integer.parseInt(f[3]), Long.parseLong(f[4]), Double.parseDouble(f[5]),
                // wrk reports no percentiles (0) when it has too few latency samples, as with pipelining
                Double.parseDouble(f[6]) > 0 ? Double.parseDouble(f[6]) : Double.NaN, Long.parseLong(f[7]), Long.parseLong(f[8])));
        }
        Set<String> tables = new LinkedHashSet<>();
        rows.forEach(r -> tables.add(r.table()));
        for (String table : tables) {
            print(table, rows.stream().filter(r -> r.table().equals(table)).toList());
        }
    }

    private static void print(String table, List<Row> rows) {
        Map<String, Map<String, List<Row>>> byEndpoint = new LinkedHashMap<>();
        for (Row r : rows) {
            byEndpoint.computeIfAbsent(r.endpoint(), k -> new LinkedHashMap<>()).computeIfAbsent(r.server(), k -> new ArrayList<>()).add(r);
        }
        int rounds = rows.stream().mapToInt(Row::round).max().orElse(0);
        System.out.printf("%n### %s (%d rounds, medians)%n%n", table, rounds);
        System.out.println("| endpoint | server | req/s | p99 | server CPU µs/req | req/s per round | errors |");
        System.out.println("|---|---|---:|---:|---:|---|---:|");
        byEndpoint.forEach((endpoint, servers) -> servers.forEach((server, list) -> System.out.printf(Locale.ROOT,
            "| %s | %s | %.0f | %s | %.2f | %s | %d |%n", endpoint, server,
            median(list.stream().map(Row::rps).toList()),
            micros(median(list.stream().map(Row::p99Micros).toList())),
            median(list.stream().map(Row::cpuMicrosPerRequest).toList()),
            String.join(" / ", list.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.rps())).toList()),
            list.stream().mapToLong(Row::errors).sum())));
        System.out.printf("%nRatios (median of rounds; in brackets the range of the per-round paired ratios). "
            + "req/s: higher is better for Nettle; p99 and CPU/req: lower is better.%n%n");
        System.out.println("| endpoint | vs | req/s | p99 | CPU µs/req |");
        System.out.println("|---|---|---:|---:|---:|");
        byEndpoint.forEach((endpoint, servers) -> {
            List<Row> nettle = servers.get(NETTLE);
            if (nettle == null) {
                return;
            }
            for (String other : List.of(RAW, VERTX, COOKIE, AA)) {
                List<Row> base = servers.get(other);
                if (base == null) {
                    continue;
                }
                String label = other.equals(AA) ? "A/A: nettle-aa / nettle (noise floor)" : "Nettle / " + other;
                List<Row> num = other.equals(AA) ? base : nettle;
                List<Row> den = other.equals(AA) ? nettle : base;
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", endpoint, label,
                    ratio(num, den, Row::rps), ratio(num, den, Row::p99Micros), ratio(num, den, Row::cpuMicrosPerRequest));
            }
        });
    }

    private static String ratio(List<Row> num, List<Row> den, java.util.function.ToDoubleFunction<Row> metric) {
        double overall = median(num.stream().map(metric::applyAsDouble).toList()) / median(den.stream().map(metric::applyAsDouble).toList());
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (Row n : num) {
            for (Row d : den) {
                if (n.round() == d.round()) {
                    double r = metric.applyAsDouble(n) / metric.applyAsDouble(d);
                    if (Double.isNaN(r)) {
                        continue;
                    }
                    min = Math.min(min, r);
                    max = Math.max(max, r);
                }
            }
        }
        if (Double.isNaN(overall)) {
            return "n/a";
        }
        if (min > max) {
            return String.format(Locale.ROOT, "%.2f", overall);
        }
        return String.format(Locale.ROOT, "%.2f [%.2f–%.2f]", overall, min, max);
    }

    private static String micros(double micros) {
        if (Double.isNaN(micros)) {
            return "n/a";
        }
        return micros >= 1000 ? String.format(Locale.ROOT, "%.2f ms", micros / 1000) : String.format(Locale.ROOT, "%.0f µs", micros);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().filter(v -> !v.isNaN()).sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
