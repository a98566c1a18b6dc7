package io.sgstream.capture.bench;

import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Benchmark for issue acceptance 5 (run it with {@code scripts/bench-capture}; it is not a test). Prints snapshot
 * rows/s and streaming events/s through the capture, and the sink's own ceiling, to a no-op HTTP sink answering 202
 * on loopback, with the capture's peak heap and RSS.
 *
 * <pre>
 * --rows N            rows per phase (default 200000)
 * --windows 1,16,64   in-flight windows of the sink-only phase (default 1,8,64,256)
 * --window W          in-flight window of the capture phases (default 64, the application's default)
 * --small-tx-rows R   rows per transaction of the many-small-transactions phase (default 10)
 * --mode M            all | sink | capture | micro (default all; micro: CPU ns per call of per-event steps)
 * </pre>
 */
public final class CaptureBenchmark {

    private CaptureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = 200_000;
        List<Integer> windows = List.of(1, 8, 64, 256);
        int window = 64;
        int smallTxRows = 10;
        String mode = "all";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i].replace("_", ""));
                case "--windows" -> windows = Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::valueOf).toList();
                case "--mode" -> mode = args[++i];
                case "--window" -> window = Integer.parseInt(args[++i]);
                case "--small-tx-rows" -> smallTxRows = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("unknown argument " + args[i] + "; use --rows N --windows 1,16,64 --window W "
                            + "--small-tx-rows R --mode all|sink|capture|micro");
                    System.exit(2);
                }
            }
        }
        quietLogs();
        System.out.printf("CaptureBenchmark: %d rows, %d cores, max heap %d MiB, Java %s%n", rows,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"));
        if (mode.equals("micro")) {
            new PerEventCostBench().run();
            return;
        }
        BenchTable table = new BenchTable();
        try (NoOpSink sink = NoOpSink.start()) {
            if (mode.equals("all") || mode.equals("sink")) {
                new SinkOnlyBench(sink).run(table, rows, windows);
            }
            if (mode.equals("all") || mode.equals("capture")) {
                new CaptureBench(sink, rows, smallTxRows, window).run(table);
            }
        }
        table.print();
    }

    /** Warnings and errors to stderr, so a failing phase says why; without Quarkus nothing configures logging. */
    private static void quietLogs() {
        Logger root = Logger.getLogger("");
        if (root.getHandlers().length == 0) {
            java.util.logging.ConsoleHandler console = new java.util.logging.ConsoleHandler();
            console.setLevel(Level.ALL);
            root.addHandler(console);
        }
        root.setLevel(Level.WARNING);
    }
}
