package io.sgstream.capture.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak heap (JVM pools), peak RSS (Linux VmHWM) and CPU time of this process, resettable per benchmark phase. CPU
 * time per event is the figure to compare between runs on a shared machine: wall-clock rates move with the load
 * of other processes, the CPU the capture spends per event much less. PostgreSQL and the no-op sink run in other
 * processes and are not counted.
 */
final class MemoryWatch {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private static volatile long cpuAtReset;

    private MemoryWatch() {
    }

    static void reset() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        cpuAtReset = processCpuNanos();
        try {
            Files.writeString(CLEAR_REFS, "5"); // resets VmHWM to the current RSS (Linux >= 4.0)
        } catch (IOException | SecurityException e) {
            // not Linux or not allowed: the peak then covers the whole run, still an upper bound
        }
    }

    /** Sum of the heap pools' peaks; an upper bound of the real peak, since pools peak at different times. */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** CPU seconds this process used since {@link #reset()}, all threads (GC and JIT included); -1 if unknown. */
    static double cpuSeconds() {
        long now = processCpuNanos();
        return now < 0 ? -1 : (now - cpuAtReset) / 1e9;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** Peak resident set size in bytes, or -1 where /proc is not available. */
    static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
