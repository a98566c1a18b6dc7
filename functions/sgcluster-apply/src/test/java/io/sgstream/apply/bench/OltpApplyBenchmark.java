package io.sgstream.apply.bench;

import io.cloudevents.CloudEvent;
import io.sgstream.apply.AcceptResult;
import io.sgstream.apply.ApplyConfig;
import io.sgstream.apply.SgClusterApply;
import io.sgstream.apply.testing.Deliveries;
import io.sgstream.apply.testing.SourceRecorder;
import io.sgstream.apply.testing.TableChecksums;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The benchmark's OLTP mix (scripts/bench: 2 item updates, 1 event insert, 1 event delete, every 10th a document
 * title update with its TOASTed body unchanged, a {@code bench_lag} insert last; the target's {@code bench_lag}
 * has the benchmark's {@code ENABLE ALWAYS} trigger) recorded from a real source with {@link SourceRecorder},
 * then applied by the SGCluster apply alone, so its cost can be measured without the capture, the broker and
 * the load generator competing for the cores (not a test: run it by hand).
 *
 * <pre>
 * mvn -B -q -pl functions/sgcluster-apply -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * cd functions/sgcluster-apply && java -Xmx1g -cp target/test-classes:target/classes:$(cat target/test.classpath) \
 *     io.sgstream.apply.bench.OltpApplyBenchmark 10000 4000 notrigger     # PGSS=1 for per-statement server time
 * </pre>
 * Arguments: base rows, source transactions, whether the target's {@code bench_lag} has the lag trigger.
 * Phases, each verified source = target (count + checksum per table) afterwards:
 * <ol>
 * <li>"apply only": the transactions are staged by an instance with apply disabled, then an instance with apply
 *     enabled is timed from its start until the mark reaches the last transaction (JVM + PostgreSQL CPU);</li>
 * <li>"staged and applied": delivered one event per call from 16 concurrent senders (the local runner's and the
 *     HTTP path), timed until applied.</li>
 * </ol>
 */
public final class OltpApplyBenchmark {

    private static final String[] DDL = {
            "CREATE TABLE bench_items (id bigint PRIMARY KEY, name text NOT NULL, qty int NOT NULL, price numeric(12,2),"
                    + " created timestamptz NOT NULL, tags text[], attrs jsonb)",
            "CREATE TABLE bench_events (id bigint PRIMARY KEY, kind smallint NOT NULL, flag boolean, at timestamp,"
                    + " uid uuid, payload jsonb)",
            "CREATE TABLE bench_docs (id bigint PRIMARY KEY, title text NOT NULL, version int NOT NULL, body text)",
            "ALTER TABLE bench_docs ALTER COLUMN body SET STORAGE EXTERNAL",
            "CREATE TABLE bench_lag (id bigint PRIMARY KEY, client int NOT NULL, committed_at timestamptz NOT NULL)",
    };
    private static final String[] LAG_TRIGGER = {
            "CREATE SCHEMA bench_meta",
            "CREATE TABLE bench_meta.lag_applied (id bigint, committed_at timestamptz, applied_at timestamptz)",
            "CREATE FUNCTION bench_meta.record_lag() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " INSERT INTO bench_meta.lag_applied VALUES (NEW.id, NEW.committed_at, clock_timestamp()); RETURN NULL; END $$",
            "CREATE TRIGGER record_lag AFTER INSERT ON bench_lag FOR EACH ROW EXECUTE FUNCTION bench_meta.record_lag()",
            "ALTER TABLE bench_lag ENABLE ALWAYS TRIGGER record_lag",
    };
    private static final String EPOCH = "20261207000000000";

    public static void main(String[] args) throws Exception {
        int baseRows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int transactions = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        boolean trigger = args.length <= 2 || !args[2].equals("notrigger");
        boolean statements = System.getenv("PGSS") != null; // per-statement server time (pg_stat_statements)
        try (PostgresServer pg = statements ? PostgresServer.startLogical(Map.of("shared_preload_libraries",
                "pg_stat_statements", "pg_stat_statements.track", "all")) : PostgresServer.startLogical()) {
            run(pg, baseRows, transactions, trigger);
        }
        System.exit(0);
    }

    private static void run(PostgresServer pg, int baseRows, int transactions, boolean trigger) throws Exception {
        String source = pg.createDatabase("oltp_src");
        pg.execute(source, DDL);
        int items = baseRows / 2;
        int docs = Math.max(10, baseRows / 50);
        int events = baseRows - items - docs;
        pg.execute(source,
                "INSERT INTO bench_items SELECT i, 'item ' || i, (i % 1000)::int, (i % 100000) / 100.0,"
                        + " timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second',"
                        + " ARRAY['t' || (i % 7), 't' || (i % 11)], jsonb_build_object('color', i % 5, 'size', 'L', 'n', i)"
                        + " FROM generate_series(1, " + items + ") i",
                "INSERT INTO bench_events SELECT i, (i % 10)::smallint, i % 2 = 0, timestamp '2026-01-01' + i * interval '1 ms',"
                        + " md5(i::text)::uuid, jsonb_build_object('k', i, 'v', md5(i::text)) FROM generate_series(1, " + events + ") i",
                "INSERT INTO bench_docs SELECT i, 'doc ' || i, 1, repeat(md5(i::text), 100) FROM generate_series(1, " + docs + ") i",
                "CREATE SEQUENCE bench_ids START 1000000000");
        System.out.printf("OLTP apply benchmark: %d base rows, %d source transactions, lag trigger %s, %d cores, load %s%n",
                baseRows, transactions, trigger ? "on" : "off", Runtime.getRuntime().availableProcessors(), load());

        StreamId stream = new StreamId("bench", "oltp");
        List<StreamEvent> snapshot;
        List<StreamEvent> changes = new ArrayList<>();
        long t0 = System.nanoTime();
        try (SourceRecorder src = new SourceRecorder(pg, source, stream, EPOCH)) {
            snapshot = src.snapshot("public.bench_items", "public.bench_events", "public.bench_docs", "public.bench_lag");
            Random random = new Random(42);
            for (int t = 0; t < transactions; t++) {
                int client = t % 4;
                changes.addAll(src.transaction(tx -> {
                    for (int k = 0; k < 2; k++) {
                        tx.update("public.bench_items", "id = " + (1 + random.nextInt(items)),
                                "qty = qty + 1, price = price + 0.01, attrs = jsonb_set(attrs, '{n}', to_jsonb(qty + 1))");
                    }
                    tx.insert("public.bench_events", "INSERT INTO bench_events SELECT nextval('bench_ids'), "
                            + random.nextInt(10) + ", " + random.nextBoolean()
                            + ", localtimestamp, gen_random_uuid(), jsonb_build_object('client', " + client + ")");
                    tx.delete("public.bench_events", "id = " + (1 + random.nextInt(events)));
                    if (random.nextInt(10) == 0) {
                        tx.update("public.bench_docs", "id = " + (1 + random.nextInt(docs)),
                                "title = 'doc ' || id || ' v' || (version + 1), version = version + 1", "body");
                    }
                    tx.insert("public.bench_lag", "INSERT INTO bench_lag VALUES (nextval('bench_ids'), " + client
                            + ", clock_timestamp())");
                }));
            }
        }
        long rowChanges = changes.stream().filter(e -> e instanceof io.sgstream.event.RowChange).count();
        System.out.printf("recorded %d snapshot rows and %d row changes in %.1f s%n", snapshot.size() - 1, rowChanges,
                (System.nanoTime() - t0) / 1e9);
        List<CloudEvent> snapshotEvents = Deliveries.cloudEvents(snapshot, 1 << 20);
        List<CloudEvent> changeEvents = Deliveries.cloudEvents(changes, 1 << 20);
        Map<String, String> expected = TableChecksums.of(pg, source, "public");

        ProcessCpu cpu;
        String a = target(pg, trigger);
        try (var c = pg.connect(a); var st = c.createStatement(); var rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            cpu = new ProcessCpu(rs.getLong(1));
        }
        ApplyConfig configA = config(pg, a);
        loadSnapshot(configA, snapshotEvents, stream);
        statementTimes(pg, a);
        try (SgClusterApply staging = SgClusterApply.start(configA.withApplyEnabled(false))) {
            ProcessCpu.Sample start = cpu.sample();
            long s0 = System.nanoTime();
            ApplyBenchmark.deliverInChunks(staging, changeEvents, 4);
            report("staged only (acceptAll, 4 senders)", rowChanges, transactions, System.nanoTime() - s0, cpu.sample().minus(start));
        }
        statementTimes(pg, a);
        ProcessCpu.Sample start = cpu.sample();
        long s0 = System.nanoTime();
        try (SgClusterApply apply = SgClusterApply.start(configA)) {
            ApplyBenchmark.awaitApplied(apply, stream, transactions);
            report("apply only (staged before)", rowChanges, transactions, System.nanoTime() - s0, cpu.sample().minus(start));
        }
        statementTimes(pg, a);
        verify(pg, a, expected);

        String b = target(pg, trigger);
        ApplyConfig configB = config(pg, b);
        loadSnapshot(configB, snapshotEvents, stream);
        try (SgClusterApply apply = SgClusterApply.start(configB)) {
            start = cpu.sample();
            s0 = System.nanoTime();
            List<AcceptResult> results = Deliveries.deliver(apply, changeEvents, 16);
            if (results.stream().anyMatch(r -> !r.acknowledged())) {
                throw new IllegalStateException("an event was refused");
            }
            ApplyBenchmark.awaitApplied(apply, stream, transactions);
            report("staged and applied (accept, 16 senders)", rowChanges, transactions, System.nanoTime() - s0, cpu.sample().minus(start));
        }
        statementTimes(pg, b);
        verify(pg, b, expected);
        System.out.printf("load at the end %s%n", load());
    }

    /** With PGSS set: the server's time per statement of the target database so far, most first. */
    private static void statementTimes(PostgresServer pg, String db) throws Exception {
        if (System.getenv("PGSS") == null) {
            return;
        }
        try (var c = pg.connect(db); var st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            try (var rs = st.executeQuery("SELECT round(total_exec_time)::int, calls, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 150)"
                    + " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                    + " ORDER BY total_exec_time DESC LIMIT 25")) {
                while (rs.next()) {
                    System.out.printf("  %6d ms %7d calls %7d rows  %s%n", rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getString(4));
                }
            }
            st.execute("SELECT pg_stat_statements_reset()");
        }
    }

    private static String target(PostgresServer pg, boolean trigger) {
        String db = pg.createDatabase("oltp_dst");
        pg.execute(db, DDL);
        if (trigger) {
            pg.execute(db, LAG_TRIGGER);
        }
        return db;
    }

    private static ApplyConfig config(PostgresServer pg, String db) {
        return ApplyConfig.forTarget(pg.jdbcUrl(db), PostgresServer.USER, PostgresServer.PASSWORD)
                .withDrainInterval(Duration.ofMillis(100));
    }

    private static void loadSnapshot(ApplyConfig config, List<CloudEvent> snapshot, StreamId stream) throws Exception {
        try (SgClusterApply apply = SgClusterApply.start(config)) {
            ApplyBenchmark.deliverInChunks(apply, snapshot, 2);
            ApplyBenchmark.awaitApplied(apply, stream, 0);
        }
    }

    private static void verify(PostgresServer pg, String target, Map<String, String> expected) throws Exception {
        Map<String, String> actual = TableChecksums.of(pg, target, "public");
        if (!actual.equals(expected)) {
            throw new IllegalStateException("target differs from the source:\n  source " + expected + "\n  target " + actual);
        }
        System.out.println("    verified source = target: " + actual.keySet());
    }

    private static void report(String phase, long rows, int transactions, long nanos, ProcessCpu.Sample used) {
        double seconds = nanos / 1e9;
        double cpuSeconds = used.jvmSeconds() + used.postgresSeconds();
        System.out.printf("%-42s %6.2f s = %6.0f tx/s %7.0f events/s | cpu jvm %5.2f s + pg %5.2f s = %5.0f µs/event | load %s%n",
                phase, seconds, transactions / seconds, rows / seconds, used.jvmSeconds(), used.postgresSeconds(),
                cpuSeconds * 1e6 / rows, load());
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).substring(0, 14);
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
