package io.sgstream.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time and peak RSS of a Linux process from /proc (the benchmark's pipeline processes are children of this
 * JVM, the PostgreSQL servers' processes too). CPU includes reaped children where asked, so short-lived workers
 * (PostgreSQL's table sync workers) are counted once their parent waited for them.
 */
public final class ProcessStats {

    private static final double CLOCK_TICKS = 100.0; // USER_HZ: 100 on every Linux this runs on

    private ProcessStats() {
    }

    /** utime + stime (+ cutime + cstime when {@code withChildren}) in seconds; 0 when the process is gone. */
    public static double cpuSeconds(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name in parentheses, which may itself contain spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withChildren) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return ticks / CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    public static long parentPid(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Peak resident set size (VmHWM) in bytes, -1 if unknown. */
    public static long peakRssBytes(long pid) {
        return statusField(pid, "VmHWM:");
    }

    public static long rssBytes(long pid) {
        return statusField(pid, "VmRSS:");
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** CPU seconds of a process tree: the process (with reaped children) plus its live children. */
    public static double treeCpuSeconds(long pid) {
        double total = cpuSeconds(pid, true);
        for (long child : children(pid)) {
            total += cpuSeconds(child, false);
        }
        return total;
    }

    public static List<Long> children(long pid) {
        try (var procs = Files.list(Path.of("/proc"))) {
            return procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).filter(p -> parentPid(p) == pid).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
