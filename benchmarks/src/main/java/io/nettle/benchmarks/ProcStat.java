package io.nettle.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time (utime + stime, clock ticks) and resident memory from /proc. */
final class ProcStat {
    /** USER_HZ; 100 on every Linux this runs on (as {@code getconf CLK_TCK}). */
    static final int TICKS_PER_SECOND = 100;

    private ProcStat() {
    }

    static long cpuTicks(int pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static double ticksToMicros(long ticks) {
        return ticks * 1_000_000.0 / TICKS_PER_SECOND;
    }

    /** VmRSS in bytes. */
    static long rssBytes(int pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for " + pid);
    }
}
