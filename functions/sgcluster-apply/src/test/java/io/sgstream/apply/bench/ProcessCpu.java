package io.sgstream.apply.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM and by a PostgreSQL server (postmaster, its live backends and the ones it reaped),
 * from /proc on Linux. On a shared machine wall time says little; CPU seconds per row stay comparable.
 */
final class ProcessCpu {

    private static final double TICKS = 100.0; // USER_HZ on Linux

    private final long postmasterPid;

    ProcessCpu(long anyBackendPid) {
        this.postmasterPid = parentOf(anyBackendPid);
    }

    record Sample(double jvmSeconds, double postgresSeconds) {
        Sample minus(Sample earlier) {
            return new Sample(jvmSeconds - earlier.jvmSeconds, postgresSeconds - earlier.postgresSeconds);
        }
    }

    Sample sample() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        return new Sample(jvm, postgresSeconds());
    }

    private double postgresSeconds() {
        if (postmasterPid <= 0) {
            return Double.NaN;
        }
        double total = ticks(postmasterPid, true);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            total += procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .mapToLong(Long::parseLong).filter(pid -> parentOf(pid) == postmasterPid)
                    .mapToDouble(pid -> ticks(pid, false)).sum();
        } catch (IOException e) {
            return Double.NaN;
        }
        return total / TICKS;
    }

    /** utime + stime (+ cutime + cstime: children already reaped) in ticks. */
    private static double ticks(long pid, boolean withChildren) {
        String[] f = stat(pid);
        if (f == null) {
            return 0;
        }
        double t = Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return withChildren ? t + Long.parseLong(f[15]) + Long.parseLong(f[16]) : t;
    }

    private static long parentOf(long pid) {
        String[] f = stat(pid);
        return f == null ? -1 : Long.parseLong(f[3]);
    }

    /** Fields of /proc/pid/stat, the command name (which may hold spaces) collapsed into field 1. */
    private static String[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = s.lastIndexOf(')');
            String[] rest = s.substring(close + 2).split(" ");
            String[] out = new String[rest.length + 2];
            out[0] = Long.toString(pid);
            out[1] = "comm";
            System.arraycopy(rest, 0, out, 2, rest.length);
            return out;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
