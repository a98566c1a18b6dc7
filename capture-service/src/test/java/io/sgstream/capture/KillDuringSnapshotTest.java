package io.sgstream.capture;

import io.sgstream.event.Op;
import io.sgstream.event.PgValues;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.TransactionEnd;
import io.sgstream.testing.PostgresExtension;
import io.sgstream.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The capture (a child JVM, {@link CaptureMain}) is killed with SIGKILL in the middle of its initial snapshot, before
 * it ever committed an offset, while a writer keeps changing the table; then it is started again. The restart must
 * snapshot again under a new, greater epoch (consumers empty the tables and copy again), and that epoch alone must
 * describe the source: every row, and every change committed during and after the new snapshot, each transaction
 * whole, compared with the source and with a change log written by a trigger.
 *
 * <p>The restart reuses the slot the killed run created (nothing was committed, so its position is where it was
 * created). Debezium then cannot use the slot's exported snapshot: it reads the WAL position first and the tables
 * afterwards (read committed), and streams from that position, so a transaction committed in between is both in the
 * snapshot and streamed: delivered at least once, never lost, which this test checks.
 */
class KillDuringSnapshotTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    /** More rows than the first run can hold in flight and in Debezium's queue, so its snapshot is still reading. */
    private static final int ROWS = 5_000;
    /** The first run's sink acknowledges this many events, then answers 503 to everything. */
    private static final int FIRST_RUN_ACKS = 300;

    @Test
    void killedDuringTheSnapshotRestartsWithANewEpochThatMissesNothing() throws Exception {
        String db = PG.createDatabase("snapkill");
        PG.execute(db,
                "CREATE TABLE items (id int PRIMARY KEY, v int NOT NULL, note text)",
                "INSERT INTO items SELECT i, 0, 'initial ' || i FROM generate_series(1, " + ROWS + ") i",
                "CREATE TABLE change_log (seq bigserial PRIMARY KEY, txid bigint NOT NULL DEFAULT txid_current(), "
                        + "op text NOT NULL, id int NOT NULL)",
                """
                CREATE FUNCTION log_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO change_log (op, id) VALUES (CASE TG_OP WHEN 'INSERT' THEN 'c' WHEN 'UPDATE' THEN 'u' ELSE 'd' END,
                                                          CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
                  RETURN NULL;
                END $$""",
                "CREATE TRIGGER items_log AFTER INSERT OR UPDATE OR DELETE ON items FOR EACH ROW EXECUTE FUNCTION log_change()");
        Path work = Files.createDirectories(Path.of("target", "kill-during-snapshot"));
        Path props = work.resolve("capture.properties");
        Path log = work.resolve("capture-child.log");
        Files.deleteIfExists(log);
        String slot = "test_snapkill";

        try (RecordingEndpoint endpoint = new RecordingEndpoint()) {
            String settings = String.join("\n",
                    "sink.url=" + endpoint.url(),
                    "sink.max-in-flight=32",
                    "stream.namespace=test",
                    "stream.name=snapkill",
                    "source.host=" + PG.server().host(),
                    "source.port=" + PG.server().port(),
                    "source.database=" + db,
                    "source.user=" + PostgresServer.USER,
                    "source.password=" + PostgresServer.PASSWORD,
                    "slot.name=" + slot,
                    "publication.name=" + slot,
                    "debezium.table.include.list=public\\\\.items",
                    "commit-interval-ms=200");
            // the first run: a small engine queue and fetch, so its snapshot stalls early, mid-table, with its query
            // still open (a small table is enough)
            Files.writeString(props, settings + "\ndebezium.max.queue.size=1024\ndebezium.max.batch.size=256"
                    + "\ndebezium.snapshot.fetch.size=500\n");
            AtomicInteger acknowledged = new AtomicInteger();
            endpoint.respond(e -> acknowledged.incrementAndGet() <= FIRST_RUN_ACKS ? 202 : 503);
            Writer writer = new Writer(db);
            writer.start();
            Process child = KillAndResumeTest.launch(props, log);
            String firstEpoch;
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> endpoint.deliveries().size() >= FIRST_RUN_ACKS);
                // still inside the snapshot: its reading transaction is open, nothing is committed, tx 0 is not closed
                await().atMost(Duration.ofSeconds(30)).until(() -> snapshotReaders(db) > 0);
                assertThat(TestCaptures.committedOffset(PG, db, "test/snapkill").isEmpty()).isTrue();
                assertThat(endpoint.transactionEnd(0)).isNull();
                firstEpoch = endpoint.events().get(0).epoch();
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(slotNames(db)).containsExactly(slot);

                endpoint.respond(e -> 202);
                Files.writeString(props, settings + "\n");
                int writtenBeforeRestart = writer.transactions;
                child = KillAndResumeTest.launch(props, log);
                await().atMost(Duration.ofSeconds(180)).until(() -> TestCaptures
                        .committedOffset(PG, db, "test/snapkill").has("sgstream.txseq"));
                assertThat(writer.transactions).as("writer transactions during the second snapshot")
                        .isGreaterThan(writtenBeforeRestart);
                long streamedAfterSnapshot = endpoint.highestTxSeq();
                await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.highestTxSeq() > streamedAfterSnapshot + 10);
                writer.stop();
                PG.execute(db, "INSERT INTO items VALUES (-1, -1, 'the end')");
                await().atMost(Duration.ofSeconds(120)).until(() -> endpoint.events().stream()
                        .anyMatch(e -> e instanceof RowChange r && r.key().get("id").asInt() == -1));
                long lastTx = endpoint.events().stream().filter(e -> e instanceof RowChange r && r.key().get("id").asInt() == -1)
                        .mapToLong(e -> e.position().txSeq()).max().orElseThrow();
                await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.transactionEnd(lastTx) != null);
                // the stream's slot and publication serve the new run: one slot, in use, for the captured table
                assertThat(slotNames(db)).containsExactly(slot);
                assertThat(activeSlot(slot)).isTrue();
                assertThat(publishedTables(db, slot)).containsExactly("public.items");
            } finally {
                writer.stop();
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }

            List<StreamEvent> events = endpoint.events(); // also fails if one id was delivered with two contents
            Map<String, List<StreamEvent>> byEpoch = events.stream()
                    .collect(Collectors.groupingBy(StreamEvent::epoch, LinkedHashMap::new, Collectors.toList()));
            assertThat(byEpoch.keySet()).hasSize(2).first().isEqualTo(firstEpoch);
            String secondEpoch = byEpoch.keySet().stream().skip(1).findFirst().orElseThrow();
            assertThat(secondEpoch).isGreaterThan(firstEpoch);
            // the killed run delivered snapshot rows only, and never closed its snapshot
            assertThat(byEpoch.get(firstEpoch)).allMatch(e -> e instanceof RowChange r && r.op() == Op.READ);

            List<StreamEvent> current = byEpoch.get(secondEpoch);
            assertGaplessAndComplete(current);
            assertThat(current.stream().filter(e -> e instanceof RowChange r && r.op() == Op.READ).count())
                    .as("rows of the new snapshot").isGreaterThanOrEqualTo(ROWS - 60);
            try (Connection c = PG.server().connect(db)) {
                List<String> changeLog = changeLog(c);
                List<String> streamed = streamedChanges(current);
                assertThat(streamed).as("changes streamed after the new snapshot").isNotEmpty();
                // what the new epoch streams is exactly what its snapshot did not contain: the change log's tail
                assertThat(streamed).isEqualTo(changeLog.subList(changeLog.size() - streamed.size(), changeLog.size()));
                // ... made of whole transactions (one cut at the snapshot's point would lose its earlier changes)
                Map<Long, Long> logged = changeLog.stream().collect(Collectors.groupingBy(
                        l -> Long.parseLong(l.split(" ")[0]), TreeMap::new, Collectors.counting()));
                streamed.stream().collect(Collectors.groupingBy(l -> Long.parseLong(l.split(" ")[0]), Collectors.counting()))
                        .forEach((tx, n) -> assertThat(n).as("changes of source transaction %d", tx).isEqualTo(logged.get(tx)));
                assertThat(finalState(current)).isEqualTo(sourceState(c));
            }
        }
    }

    /** The capture's snapshot query, in a transaction that is still open. */
    private static int snapshotReaders(String db) throws Exception {
        try (Connection c = PG.server().connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                     + "AND pid <> pg_backend_pid() AND application_name <> 'test-writer' AND xact_start IS NOT NULL "
                     + "AND query ILIKE '%items%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> slotNames(String db) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = PG.server().connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT slot_name FROM pg_replication_slots WHERE database = current_database()")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static boolean activeSlot(String slot) throws Exception {
        try (Connection c = PG.server().connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static List<String> publishedTables(String db, String publication) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = PG.server().connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT schemaname || '.' || tablename FROM pg_publication_tables "
                     + "WHERE pubname = '" + publication + "' ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static void assertGaplessAndComplete(List<StreamEvent> events) {
        Map<Long, Long> changesPerTx = new TreeMap<>();
        Map<Long, Long> declared = new TreeMap<>();
        for (StreamEvent e : events) {
            if (e instanceof TransactionEnd t) {
                declared.put(t.txSeq(), t.eventCount());
            } else {
                changesPerTx.merge(e.position().txSeq(), 1L, Long::sum);
            }
        }
        long last = declared.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(declared.keySet()).containsExactlyElementsOf(LongStream.rangeClosed(0, last).boxed().toList());
        declared.forEach((tx, count) -> assertThat(changesPerTx.getOrDefault(tx, 0L)).as("events of tx %d", tx).isEqualTo(count));
    }

    /** (txid, op, id) of every streamed change, in stream order. */
    private static List<String> streamedChanges(List<StreamEvent> events) {
        return events.stream().filter(e -> e instanceof RowChange r && r.op() != Op.READ && r.key().get("id").asInt() != -1)
                .map(e -> (RowChange) e)
                .map(r -> (r.txId() % 4294967296L) + " " + r.op().code() + " " + r.key().get("id").asInt())
                .toList();
    }

    private static List<String> changeLog(Connection c) throws Exception {
        List<String> log = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT txid % 4294967296, op, id FROM change_log WHERE id <> -1 ORDER BY seq")) {
            while (rs.next()) {
                log.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getInt(3));
            }
        }
        return log;
    }

    /** The table as one epoch's events describe it: its snapshot rows, then each change applied in stream order. */
    private static Map<Integer, String> finalState(List<StreamEvent> events) {
        Map<Integer, String> rows = new TreeMap<>();
        for (StreamEvent e : events) {
            if (e instanceof RowChange r) {
                int id = r.key().get("id").asInt();
                switch (r.op()) {
                    case READ, CREATE, UPDATE -> rows.put(id, PgValues.toText(r.after().get("v")) + "|"
                            + PgValues.toText(r.after().get("note")));
                    case DELETE -> rows.remove(id);
                    case TRUNCATE -> rows.clear();
                }
            }
        }
        return rows;
    }

    private static Map<Integer, String> sourceState(Connection c) throws Exception {
        Map<Integer, String> rows = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, v::text, note FROM items")) {
            while (rs.next()) {
                rows.put(rs.getInt(1), rs.getString(2) + "|" + rs.getString(3));
            }
        }
        return rows;
    }

    /**
     * Keeps changing rows until stopped, in transactions of several statements that pause between statements, so
     * that some transaction is always open when a snapshot starts (its first changes precede the snapshot's point
     * in the WAL, its commit follows it).
     */
    private static final class Writer {
        private final String db;
        private final AtomicBoolean running = new AtomicBoolean();
        private final Random random = new Random(11);
        private Thread thread;
        private volatile Throwable error;
        volatile int transactions;

        Writer(String db) {
            this.db = db;
        }

        void start() {
            running.set(true);
            thread = new Thread(this::run, "test-writer");
            thread.start();
        }

        private void run() {
            int nextId = ROWS + 1000;
            java.util.Properties props = new java.util.Properties();
            props.setProperty("user", PostgresServer.USER);
            props.setProperty("password", PostgresServer.PASSWORD);
            props.setProperty("ApplicationName", "test-writer");
            try (Connection c = java.sql.DriverManager.getConnection(PG.jdbcUrl(db), props);
                 Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                while (running.get()) {
                    int statements = 2 + random.nextInt(3);
                    for (int i = 0; i < statements; i++) {
                        int target = 1 + random.nextInt(60);
                        switch (random.nextInt(4)) {
                            case 0 -> s.execute("INSERT INTO items VALUES (" + nextId++ + ", 1, 'new')");
                            case 1 -> s.execute("DELETE FROM items WHERE id = " + target);
                            default -> s.execute("UPDATE items SET v = v + 1, note = 'upd " + random.nextInt(1000)
                                    + "' WHERE id = " + target + " OR id = " + (nextId - 1));
                        }
                        Thread.sleep(2 + random.nextInt(8));
                    }
                    c.commit();
                    transactions++;
                }
            } catch (Exception e) {
                error = e;
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join(10_000);
            }
            assertThat(error).as("writer error").isNull();
        }
    }
}
