package io.sgstream.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Command-line options of scripts/bench. */
public record BenchOptions(boolean quick, long bulkRows, long oltpRows, int clients, Duration duration,
                           List<String> systems, List<String> workloads, String sourceUrl, String targetUrl,
                           String user, String password, Path results, boolean jfr, Duration timeout) {

    public static final String USAGE = """
            scripts/bench [--quick] [options]
              --quick               ~100k bulk rows, 30 s of OLTP: under 10 minutes on 2 cores
              --rows N              bulk rows in total (default 1,000,000; --quick 100,000)
              --oltp-rows N         rows present before the OLTP workload (default 100,000; --quick 10,000)
              --clients C           OLTP client connections (default 4)
              --duration SECONDS    OLTP workload duration (default 60; --quick 30)
              --systems LIST        ours,native,debezium-jdbc (default all)
              --workloads LIST      bulk,oltp,cloudevent (default all)
              --source-url URL      a source server (wal_level=logical) instead of an embedded one; fresh databases
              --target-url URL      are created on it and on the target server (needs CREATEDB), with --user/--password
              --results DIR         where the JSON and markdown go (default benchmarks/results)
              --jfr                 record our pipeline with JFR and summarize hot methods per stage (PROFILING.md)
            """;

    public static BenchOptions parse(String... args) {
        boolean quick = List.of(args).contains("--quick");
        long rows = quick ? 100_000 : 1_000_000;
        long oltpRows = quick ? 10_000 : 100_000;
        int clients = 4;
        Duration duration = Duration.ofSeconds(quick ? 30 : 60);
        List<String> systems = List.of("ours", "native", "debezium-jdbc");
        List<String> workloads = List.of("bulk", "oltp", "cloudevent");
        String sourceUrl = null;
        String targetUrl = null;
        String user = "postgres";
        String password = "postgres";
        Path results = Path.of("benchmarks", "results");
        boolean jfr = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> { }
                case "--jfr" -> jfr = true;
                case "--help", "-h" -> throw new HelpRequested();
                case "--rows" -> rows = positive(a, value(args, ++i, a));
                case "--oltp-rows" -> oltpRows = positive(a, value(args, ++i, a));
                case "--clients" -> clients = (int) positive(a, value(args, ++i, a));
                case "--duration" -> duration = Duration.ofSeconds(positive(a, value(args, ++i, a)));
                case "--systems" -> systems = list(a, value(args, ++i, a), List.of("ours", "native", "debezium-jdbc"));
                case "--workloads" -> workloads = list(a, value(args, ++i, a), List.of("bulk", "oltp", "cloudevent"));
                case "--source-url" -> sourceUrl = value(args, ++i, a);
                case "--target-url" -> targetUrl = value(args, ++i, a);
                case "--user" -> user = value(args, ++i, a);
                case "--password" -> password = value(args, ++i, a);
                case "--results" -> results = Path.of(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        if ((sourceUrl == null) != (targetUrl == null)) {
            throw new IllegalArgumentException("--source-url and --target-url go together (or neither: embedded servers)");
        }
        return new BenchOptions(quick, rows, oltpRows, clients, duration, systems, workloads, sourceUrl, targetUrl, user,
                password, results, jfr, Duration.ofMinutes(quick ? 4 : 20));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long positive(String option, String value) {
        try {
            long n = Long.parseLong(value.replace("_", "").replace(",", ""));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a positive number, was '" + value + "'");
    }

    private static List<String> list(String option, String value, List<String> allowed) {
        List<String> out = List.of(value.split(","));
        for (String v : out) {
            if (!allowed.contains(v)) {
                throw new IllegalArgumentException(option + ": unknown '" + v + "', expected some of " + allowed);
            }
        }
        return out;
    }

    /** --help. */
    public static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(null, null, false, false);
        }
    }
}
