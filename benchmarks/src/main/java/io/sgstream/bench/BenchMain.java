package io.sgstream.bench;

import io.sgstream.bench.data.BenchSchema;
import io.sgstream.bench.data.OltpWorkload;
import io.sgstream.bench.measure.CloudEventSinkServer;
import io.sgstream.bench.measure.LagStats;
import io.sgstream.bench.measure.Machine;
import io.sgstream.bench.report.Measurement;
import io.sgstream.bench.report.Results;
import io.sgstream.bench.systems.ChildJvm;
import io.sgstream.bench.systems.DebeziumJdbcSystem;
import io.sgstream.bench.systems.NativeSystem;
import io.sgstream.bench.systems.OursSystem;
import io.sgstream.bench.systems.ReplicationSystem;
import io.sgstream.bench.systems.Server;
import io.sgstream.bench.verify.CatchUp;
import io.sgstream.bench.verify.Verification;
import io.sgstream.testing.PostgresServer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * scripts/bench: the same workloads through our pipeline, PostgreSQL's native logical replication and Debezium +
 * JDBC sink, each on fresh databases, each verified source = target afterwards. Exit code 0 when every run
 * finished and verified, 1 otherwise, 2 for bad options.
 */
public final class BenchMain {

    private static final double MIB = 1024.0 * 1024.0;

    private final BenchOptions options;
    private final PrintStream out;
    private final Server source;
    private final Server target;
    private final Results results;
    private final List<ReplicationSystem> systems = new ArrayList<>();
    private final OursSystem ours;
    private final Path logs;

    private BenchMain(BenchOptions options, PrintStream out, Server source, Server target) throws Exception {
        this.options = options;
        this.out = out;
        this.source = source;
        this.target = target;
        this.logs = options.results().resolve("logs");
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        if (System.getProperty("java.util.logging.manager") != null) {
            jvm.add("-Djava.util.logging.manager=" + System.getProperty("java.util.logging.manager"));
        }
        // profiling knobs for our child JVM (e.g. -Dbench.ours.applyBatchTransactions=100 in BENCH_JAVA_OPTS)
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.ours."))
                .forEach(k -> jvm.add("-D" + k + "=" + System.getProperty(k)));
        this.ours = new OursSystem(jvm, logs, options.jfr() ? options.results().resolve("jfr") : null);
        if (options.jfr()) {
            java.nio.file.Files.createDirectories(options.results().resolve("jfr"));
        }
        for (String name : options.systems()) {
            switch (name) {
                case "ours" -> systems.add(ours);
                case "native" -> systems.add(new NativeSystem());
                case "debezium-jdbc" -> {
                    String cp = System.getProperty("bench.debezium.classpath");
                    if (cp == null) {
                        throw new IllegalArgumentException("-Dbench.debezium.classpath is not set (scripts/bench sets it)");
                    }
                    systems.add(new DebeziumJdbcSystem(cp, List.of("-Xmx1g"), logs));
                }
                default -> throw new IllegalArgumentException(name);
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("quick", options.quick());
        settings.put("bulkRows", options.bulkRows());
        settings.put("oltpRows", options.oltpRows());
        settings.put("clients", options.clients());
        settings.put("durationSeconds", options.duration().toSeconds());
        settings.put("systems", options.systems());
        settings.put("pipelineJvm", "-Xmx1g, child JVM per run");
        settings.put("started", Instant.now().toString());
        Map<String, Object> machine = Machine.describe(source.version());
        this.results = new Results(machine, settings);
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.HelpRequested help) {
            System.out.print(BenchOptions.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int code;
        try (Server source = options.sourceUrl() != null ? Server.given(options.sourceUrl(), options.user(), options.password())
                : Server.embedded(PostgresServer.startLogical());
             Server target = options.targetUrl() != null ? Server.given(options.targetUrl(), options.user(), options.password())
                     : Server.embedded(PostgresServer.startLogical())) {
            code = new BenchMain(options, System.out, source, target).run();
        } catch (Exception e) {
            System.out.println("\nBenchmark failed: " + e);
            e.printStackTrace(System.out);
            code = 1;
        }
        System.exit(code);
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        out.printf("Benchmark on %s%n", Machine.describe(source.version()));
        if (options.workloads().contains("bulk") || options.workloads().contains("cloudevent")) {
            out.printf("Loading %,d rows into the bulk template...%n", options.bulkRows());
            prepareTemplate("bench_tpl_bulk", options.bulkRows());
        }
        if (options.workloads().contains("bulk")) {
            for (ReplicationSystem system : systems) {
                results.add(guard(new Measurement("bulk", system.name()), m -> bulk(system, m)));
            }
        }
        if (options.workloads().contains("oltp")) {
            out.printf("Loading %,d rows into the OLTP template...%n", options.oltpRows());
            prepareTemplate("bench_tpl_oltp", options.oltpRows());
            for (ReplicationSystem system : systems) {
                results.add(guard(new Measurement("oltp", system.name()), m -> oltp(system, m)));
            }
        }
        if (options.workloads().contains("cloudevent")) {
            results.add(guard(new Measurement("cloudevent: snapshot to a loopback HTTP sink (202)", "ours"), m -> cloudEvent("http", m)));
            results.add(guard(new Measurement("cloudevent: snapshot through the local broker to a trivial function", "ours"),
                    m -> cloudEvent("function", m)));
        }
        if (options.jfr()) {
            summarizeJfr();
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        String name = (options.quick() ? "quick-" : "full-") + stamp;
        Path json = options.results().resolve(name + ".json");
        Path md = options.results().resolve(name + ".md");
        results.describe("loadAverageAtEnd", Machine.loadAverage());
        results.describe("benchmarkSeconds", Math.round((System.nanoTime() - started) / 1e9));
        results.write(json, md);
        out.println();
        out.println(results.markdown());
        out.printf("%nTotal %.0f s; load average at the end %s%nResults: %s and %s%n", (System.nanoTime() - started) / 1e9,
                Machine.loadAverage(), md, json);
        if (results.failed()) {
            out.println("FAILED: at least one run did not finish or its target differs from its source (see above)");
            return 1;
        }
        return 0;
    }

    /** Per-stage hot methods of each recorded run of ours, printed and written next to the results. */
    private void summarizeJfr() throws Exception {
        Path dir = options.results().resolve("jfr");
        StringBuilder all = new StringBuilder();
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jfr")).sorted().toList()) {
                all.append(io.sgstream.bench.measure.JfrSummary.summarize(f, 5)).append('\n');
            }
        }
        java.nio.file.Files.writeString(dir.resolve("summary.txt"), all);
        out.println("\nJFR: where our pipeline's CPU went (stage of the innermost frame of our code or Debezium's)");
        out.println(all);
    }

    private interface Body {
        void run(Measurement m) throws Exception;
    }

    private Measurement guard(Measurement m, Body body) {
        out.printf("%n== %s / %s ==%n", m.workload, m.system);
        try {
            body.run(m);
            out.println("   " + m.metrics);
        } catch (Exception e) {
            m.failure = String.valueOf(e.getMessage());
            out.println("   FAILED: " + m.failure);
        }
        return m;
    }

    private void prepareTemplate(String name, long rows) throws Exception {
        source.createDatabase(name, null);
        try (Connection c = source.connect(name)) {
            BenchSchema.createSource(c);
            BenchSchema.load(c, rows);
        }
    }

    /** A fresh source (a copy of the template) and a fresh target with the schema. */
    private void fresh(ReplicationSystem system, String template, String sourceDb, String targetDb) throws Exception {
        source.createDatabase(sourceDb, template);
        system.prepareSource(source, sourceDb);
        target.createDatabase(targetDb, null);
        try (Connection c = target.connect(targetDb)) {
            BenchSchema.createTarget(c);
        }
    }

    private void verifyAndDrop(String what, String sourceDb, String targetDb) throws Exception {
        try (Connection s = source.connect(sourceDb); Connection t = target.connect(targetDb)) {
            var report = Verification.requireIdentical(what, s, t);
            out.printf("   verified source = target: %d tables, %,d rows (count + checksum)%n", report.tables().size(), report.rows());
        }
        source.dropDatabase(sourceDb);
        target.dropDatabase(targetDb);
    }

    private void bulk(ReplicationSystem system, Measurement m) throws Exception {
        String db = "bulk_" + system.name().replace('-', '_');
        fresh(system, "bench_tpl_bulk", db, db);
        double pg0 = source.cpuSeconds() + target.cpuSeconds();
        long t0 = System.nanoTime();
        double cpu;
        long rss;
        try (ReplicationSystem.Running running = system.start(source, db, target, db, "bulk")) {
            long marker = CatchUp.bumpMarker(source, db);
            long done = CatchUp.await(source, db, target, db, marker, options.timeout(), running);
            double seconds = (done - t0) / 1e9;
            cpu = running.cpuSeconds();
            rss = running.peakRssBytes();
            long rows = BenchSchema.totalRows(options.bulkRows());
            m.put("rows", rows).put("seconds", seconds).put("rows_per_s", rows / seconds);
        }
        m.put("pipeline_cpu_s", cpu).put("pg_cpu_s", source.cpuSeconds() + target.cpuSeconds() - pg0).put("peak_rss_mb", rss / MIB);
        verifyAndDrop("bulk/" + system.name(), db, db);
    }

    private void oltp(ReplicationSystem system, Measurement m) throws Exception {
        String db = "oltp_" + system.name().replace('-', '_');
        fresh(system, "bench_tpl_oltp", db, db);
        long t0 = System.nanoTime();
        try (ReplicationSystem.Running running = system.start(source, db, target, db, "oltp")) {
            CatchUp.await(source, db, target, db, CatchUp.bumpMarker(source, db), options.timeout(), running);
            m.put("initial_sync_s", (System.nanoTime() - t0) / 1e9);
            running.resetPeak();
            double cpu0 = running.cpuSeconds();
            double pg0 = source.cpuSeconds() + target.cpuSeconds();
            Properties credentials = new Properties();
            credentials.setProperty("user", source.user());
            credentials.setProperty("password", source.password());
            OltpWorkload workload = new OltpWorkload(source.url(db), credentials, options.clients(), options.oltpRows());
            long w0 = System.nanoTime();
            workload.start();
            long end = w0 + options.duration().toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(500);
                if (running.failure() != null) {
                    break;
                }
            }
            workload.close();
            long w1 = System.nanoTime();
            long marker = CatchUp.bumpMarker(source, db);
            long caught = CatchUp.await(source, db, target, db, marker, options.timeout(), running);
            double workloadS = (w1 - w0) / 1e9;
            double catchup = (caught - w1) / 1e9;
            m.put("workload_s", workloadS).put("transactions", workload.transactions())
                    .put("source_tps", workload.transactions() / workloadS).put("changes", workload.changes())
                    .put("events_per_s", workload.changes() / (workloadS + catchup)).put("catchup_s", catchup);
            try (Connection t = target.connect(db)) {
                LagStats lag = LagStats.read(t);
                if (lag.samples() < workload.lagSamples()) {
                    throw new IllegalStateException("only " + lag.samples() + " of " + workload.lagSamples()
                            + " lag samples arrived (" + workload.transactions() + " transactions)");
                }
                out.println("   lag by commit time: " + LagStats.timeline(t));
                m.put("lag_p50_ms", lag.p50Millis()).put("lag_p99_ms", lag.p99Millis()).put("lag_max_ms", lag.maxMillis());
            }
            m.put("pipeline_cpu_s", running.cpuSeconds() - cpu0).put("pg_cpu_s", source.cpuSeconds() + target.cpuSeconds() - pg0)
                    .put("peak_rss_mb", running.peakRssBytes() / MIB);
        }
        verifyAndDrop("oltp/" + system.name(), db, db);
    }

    /** The bulk rows as CloudEvents: to an HTTP endpoint answering 202, or through the broker to a function. */
    private void cloudEvent(String mode, Measurement m) throws Exception {
        String db = "ce_" + mode;
        source.createDatabase(db, "bench_tpl_bulk");
        long expected = BenchSchema.totalRows(options.bulkRows());
        try (CloudEventSinkServer sink = new CloudEventSinkServer()) {
            long t0 = System.nanoTime();
            try (ChildJvm running = ours.start(source, db, mode, mode.equals("http") ? sink.url() : "-", source, "ce_" + mode)) {
                Predicate<String[]> done = s -> s.length >= 5 && Long.parseLong(s[1]) >= 0 && Boolean.parseBoolean(s[4]);
                long deadline = System.nanoTime() + options.timeout().toNanos();
                while (!done.test(running.status())) {
                    if (running.failure() != null) {
                        throw new IllegalStateException(running.failure());
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the snapshot was not delivered within " + options.timeout());
                    }
                    Thread.sleep(50);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                long delivered = mode.equals("http") ? sink.changes() : Long.parseLong(running.status()[3]);
                if (delivered < expected) {
                    throw new IllegalStateException("delivered " + delivered + " change events, expected " + expected);
                }
                m.put("events", delivered).put("delivery_s", seconds).put("events_per_s_delivered", delivered / seconds)
                        .put("pipeline_cpu_s", running.cpuSeconds()).put("peak_rss_mb", running.peakRssBytes() / MIB);
            }
        }
        source.dropDatabase(db);
    }
}
