package io.sgstream.apply.bench;

import io.cloudevents.CloudEvent;
import io.sgstream.apply.AcceptResult;
import io.sgstream.apply.ApplyConfig;
import io.sgstream.apply.SgClusterApply;
import io.sgstream.apply.state.StreamState;
import io.sgstream.event.Column;
import io.sgstream.event.EventCodec;
import io.sgstream.event.Op;
import io.sgstream.event.Position;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;
import io.sgstream.event.TransactionEnd;
import io.sgstream.testing.PostgresServer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Rows per second applied by the SGCluster apply into an embedded PostgreSQL (not a test: run it by hand).
 *
 * <pre>
 * mvn -q -pl functions/sgcluster-apply test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.sgstream.apply.bench.ApplyBenchmark -Dexec.args="200000 20000 4"
 * </pre>
 * Arguments: snapshot rows, small transactions (1 to 5 changes each), concurrent senders. Table
 * {@code (id int primary key, name text, v int, note text)}, like the capture measurements in STACK.md. Events
 * are built before the clock starts; each phase is timed from the first delivery until the applied mark reached
 * the phase's last transaction. Phases: the snapshot (rows written on arrival), the stream delivered in-process
 * ({@code acceptAll}, the local runner's path), the stream delivered one event per call ({@code accept}, the HTTP
 * path without HTTP, where concurrent deliveries share staging commits).
 */
public final class ApplyBenchmark {

    private static final List<Column> COLUMNS = List.of(new Column("id", "integer", true),
            new Column("name", "text", false), new Column("v", "integer", false), new Column("note", "text", false));

    public static void main(String[] args) throws Exception {
        int snapshotRows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int transactions = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int senders = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        try (PostgresServer pg = PostgresServer.startLogical()) {
            run(pg, snapshotRows, transactions, senders);
        }
        System.exit(0);
    }

    private static void run(PostgresServer pg, int snapshotRows, int transactions, int senders) throws Exception {
        String target = pg.createDatabase("bench");
        ApplyConfig config = ApplyConfig.forTarget(pg.jdbcUrl(target), PostgresServer.USER, PostgresServer.PASSWORD);
        System.out.printf("SGCluster apply benchmark: %d snapshot rows, %d small transactions, %d senders, %d cores%n",
                snapshotRows, transactions, senders, Runtime.getRuntime().availableProcessors());
        try (var c = pg.connect(target); var st = c.createStatement(); var rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            cpu = new ProcessCpu(rs.getLong(1));
        }
        try (SgClusterApply apply = SgClusterApply.start(config)) {
            StreamId a = new StreamId("bench", "a");
            List<CloudEvent> snapshot = cloudEvents(snapshot(a, snapshotRows));
            List<StreamEvent> streamA = stream(a, 1, transactions, snapshotRows, new Random(1));
            long rowsA = streamA.stream().filter(e -> e instanceof RowChange).count();
            List<CloudEvent> streamEventsA = cloudEvents(streamA);

            long t0 = System.nanoTime();
            cpuAtStart = cpu.sample();
            deliverInChunks(apply, snapshot, senders);
            awaitApplied(apply, a, 0);
            report("snapshot, written on arrival (acceptAll)", snapshotRows, System.nanoTime() - t0);

            t0 = System.nanoTime();
            cpuAtStart = cpu.sample();
            deliverInChunks(apply, streamEventsA, senders);
            awaitApplied(apply, a, transactions);
            report("stream of small transactions (acceptAll)", rowsA, System.nanoTime() - t0);
            System.out.printf("    = %.0f source transactions/s%n", transactions / ((System.nanoTime() - t0) / 1e9));

            StreamId b = new StreamId("bench", "b");
            List<StreamEvent> streamB = new ArrayList<>(snapshot(b, 0));
            streamB.addAll(stream(b, 1, transactions / 4, 0, new Random(2)));
            long rowsB = streamB.stream().filter(e -> e instanceof RowChange).count();
            List<CloudEvent> streamEventsB = cloudEvents(streamB);
            t0 = System.nanoTime();
            cpuAtStart = cpu.sample();
            deliverOneByOne(apply, streamEventsB, senders * 8);
            awaitApplied(apply, b, transactions / 4);
            report("stream, one event per call, " + senders * 8 + " concurrent (accept)", rowsB, System.nanoTime() - t0);
        }
    }

    static List<StreamEvent> snapshot(StreamId stream, int rows) {
        List<StreamEvent> events = new ArrayList<>(rows + 1);
        Instant start = Instant.now();
        for (int id = 1; id <= rows; id++) {
            events.add(change(stream, new Position(0, id), Op.READ, id, id, start));
        }
        events.add(new TransactionEnd(stream, "00000001", 0, rows, null, null, start, Map.of()));
        return events;
    }

    /** Transactions of 1..5 changes: updates of existing rows and inserts of new ones. */
    private static List<StreamEvent> stream(StreamId stream, long firstTxSeq, int transactions, int existingRows, Random random) {
        List<StreamEvent> events = new ArrayList<>();
        int nextId = existingRows + 1;
        for (long tx = firstTxSeq; tx < firstTxSeq + transactions; tx++) {
            int changes = 1 + random.nextInt(5);
            Instant commit = Instant.now();
            for (int seq = 1; seq <= changes; seq++) {
                boolean update = existingRows > 0 && random.nextInt(3) > 0;
                int id = update ? 1 + random.nextInt(existingRows) : nextId++;
                events.add(change(stream, new Position(tx, seq), update ? Op.UPDATE : Op.CREATE, id, (int) tx, commit));
            }
            events.add(new TransactionEnd(stream, "00000001", tx, changes, null, tx, commit, Map.of()));
        }
        return events;
    }

    private static RowChange change(StreamId stream, Position position, Op op, int id, int v, Instant commit) {
        var after = EventCodec.JSON.createObjectNode().put("id", id).put("name", "name " + id).put("v", v)
                .put("note", "a note about row " + id);
        return new RowChange(stream, "00000001", position, op, "public", "bench_" + stream.name(), COLUMNS,
                EventCodec.JSON.createObjectNode().put("id", id), null, after, List.of(), null, null, commit);
    }

    static List<CloudEvent> cloudEvents(List<StreamEvent> events) {
        List<CloudEvent> out = new ArrayList<>(events.size());
        events.forEach(e -> out.add(EventCodec.toCloudEvent(e)));
        return out;
    }

    static void deliverInChunks(SgClusterApply apply, List<CloudEvent> events, int senders) throws Exception {
        int chunk = 2000;
        AtomicInteger next = new AtomicInteger();
        parallel(senders, i -> {
            int from;
            while ((from = next.getAndAdd(chunk)) < events.size()) {
                for (AcceptResult r : apply.acceptAll(events.subList(from, Math.min(events.size(), from + chunk)))) {
                    require(r);
                }
            }
            return null;
        });
    }

    private static void deliverOneByOne(SgClusterApply apply, List<CloudEvent> events, int senders) throws Exception {
        AtomicInteger next = new AtomicInteger();
        parallel(senders, i -> {
            int n;
            while ((n = next.getAndIncrement()) < events.size()) {
                require(apply.accept(events.get(n)).join());
            }
            return null;
        });
    }

    private static void require(AcceptResult r) {
        if (!r.acknowledged()) {
            throw new IllegalStateException("event " + r.id() + " refused: " + r.outcome() + " " + r.reason());
        }
    }

    private static void parallel(int threads, Function<Integer, Void> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit(() -> task.apply(n)));
            }
            for (Future<Void> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static void awaitApplied(SgClusterApply apply, StreamId stream, long txSeq) throws Exception {
        while (true) {
            StreamState s = apply.position(stream).orElse(null);
            if (s != null && s.failure() != null) {
                throw new IllegalStateException("stream failed: " + s.failure());
            }
            if (s != null && s.appliedTxSeq() >= txSeq) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private static ProcessCpu cpu;
    private static ProcessCpu.Sample cpuAtStart;

    /** Wall rate, and CPU used by the apply (JVM) and the target (PostgreSQL): robust on a busy machine. */
    private static void report(String phase, long rows, long nanos) {
        double seconds = nanos / 1e9;
        ProcessCpu.Sample used = cpu.sample().minus(cpuAtStart);
        System.out.printf("%-58s %8d rows %6.2f s = %7.0f rows/s | cpu jvm %5.2f s + pg %5.2f s = %7.0f rows/cpu-s%n",
                phase, rows, seconds, rows / seconds, used.jvmSeconds(), used.postgresSeconds(),
                rows / (used.jvmSeconds() + used.postgresSeconds()));
    }
}
