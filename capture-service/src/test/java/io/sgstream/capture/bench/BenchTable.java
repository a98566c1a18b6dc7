package io.sgstream.capture.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The side-by-side result table the benchmark prints. */
final class BenchTable {

    record Row(String phase, long events, double seconds, long peakHeapBytes, long peakRssBytes, double cpuSeconds) {
        /** A row measured since the last {@link MemoryWatch#reset()}. */
        Row(String phase, long events, double seconds) {
            this(phase, events, seconds, MemoryWatch.peakHeapBytes(), MemoryWatch.peakRssBytes(),
                    MemoryWatch.cpuSeconds());
        }

        double perSecond() {
            return events / seconds;
        }

        /** CPU microseconds of this process per event, -1 if unknown. */
        double cpuMicrosPerEvent() {
            return cpuSeconds < 0 ? -1 : cpuSeconds * 1e6 / events;
        }
    }

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
        System.out.println(format(row)); // progress, so a long run shows its results as they come
    }

    void print() {
        System.out.println();
        System.out.println(header());
        System.out.println("-".repeat(header().length()));
        rows.forEach(r -> System.out.println(format(r)));
    }

    private static String header() {
        return String.format(Locale.ROOT, "%-52s %10s %9s %12s %13s %14s %13s",
                "phase", "events", "seconds", "events/s", "CPU us/event", "peak heap MiB", "peak RSS MiB");
    }

    private static String format(Row r) {
        return String.format(Locale.ROOT, "%-52s %10d %9.2f %12.0f %13.1f %14.0f %13s",
                r.phase(), r.events(), r.seconds(), r.perSecond(), r.cpuMicrosPerEvent(), r.peakHeapBytes() / 1048576.0,
                r.peakRssBytes() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", r.peakRssBytes() / 1048576.0));
    }
}
