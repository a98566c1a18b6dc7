package io.sgstream.capture;

import io.sgstream.event.Op;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamEvent;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

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
        ChangeLog.create(PG, db, ROWS);
        Path work = Files.createDirectories(Path.of("target", "kill-during-snapshot"));
        Path props = work.resolve("capture.properties");
        Path log = work.resolve("capture-child.log");
        Files.deleteIfExists(log);
        String slot = "test_snapkill";

        try (RecordingEndpoint endpoint = new RecordingEndpoint()) {
            String settings = CaptureChild.settings(endpoint, PG, db, "snapkill",
                    "slot.name=" + slot, "publication.name=" + slot);
            // the first run: a small engine queue and fetch, so its snapshot stalls early, mid-table, with its query
            // still open (a small table is enough)
            Files.writeString(props, settings + "\ndebezium.max.queue.size=1024\ndebezium.max.batch.size=256"
                    + "\ndebezium.snapshot.fetch.size=500\n");
            AtomicInteger acknowledged = new AtomicInteger();
            endpoint.respond(e -> acknowledged.incrementAndGet() <= FIRST_RUN_ACKS ? 202 : 503);
            ItemsWriter writer = ItemsWriter.pausingInsideTransactions(PG, db, 11, ROWS + 1000);
            writer.start();
            Process child = CaptureChild.launch(props, log);
            String firstEpoch;
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> endpoint.deliveries().size() >= FIRST_RUN_ACKS);
                // still inside the snapshot: its reading transaction is open, nothing is committed, tx 0 is not closed
                await().atMost(Duration.ofSeconds(60)).until(() -> snapshotReaders(db) > 0);
                assertThat(TestCaptures.committedOffset(PG, db, "test/snapkill").isEmpty()).isTrue();
                assertThat(endpoint.transactionEnd(0)).isNull();
                firstEpoch = endpoint.events().get(0).epoch();
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(slotNames(db)).containsExactly(slot);

                endpoint.respond(e -> 202);
                Files.writeString(props, settings + "\n");
                int writtenBeforeRestart = writer.transactions;
                child = CaptureChild.launch(props, log);
                await().atMost(Duration.ofSeconds(180)).until(() -> TestCaptures
                        .committedOffset(PG, db, "test/snapkill").has("sgstream.txseq"));
                assertThat(writer.transactions).as("writer transactions during the second snapshot")
                        .isGreaterThan(writtenBeforeRestart);
                long streamedAfterSnapshot = endpoint.highestTxSeq();
                await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.highestTxSeq() > streamedAfterSnapshot + 10);
                writer.stop();
                ChangeLog.writeTheEndAndAwaitIt(PG, db, endpoint);
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
            ChangeLog.assertGaplessAndComplete(current);
            assertThat(current.stream().filter(e -> e instanceof RowChange r && r.op() == Op.READ).count())
                    .as("rows of the new snapshot").isGreaterThanOrEqualTo(ROWS - 60);
            try (Connection c = PG.server().connect(db)) {
                List<String> changeLog = ChangeLog.read(c);
                List<String> streamed = ChangeLog.streamedChanges(current);
                assertThat(streamed).as("changes streamed after the new snapshot").isNotEmpty();
                // what the new epoch streams is exactly what its snapshot did not contain: the change log's tail
                assertThat(streamed).isEqualTo(changeLog.subList(changeLog.size() - streamed.size(), changeLog.size()));
                // ... made of whole transactions (one cut at the snapshot's point would lose its earlier changes)
                Map<Long, Long> logged = changeLog.stream().collect(Collectors.groupingBy(
                        l -> Long.parseLong(l.split(" ")[0]), TreeMap::new, Collectors.counting()));
                streamed.stream().collect(Collectors.groupingBy(l -> Long.parseLong(l.split(" ")[0]), Collectors.counting()))
                        .forEach((tx, n) -> assertThat(n).as("changes of source transaction %d", tx).isEqualTo(logged.get(tx)));
                assertThat(ChangeLog.finalState(current)).isEqualTo(ChangeLog.sourceState(c));
            }
        }
    }

    /** The capture's snapshot query, in a transaction that is still open. */
    private static int snapshotReaders(String db) throws Exception {
        try (Connection c = PG.server().connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                     + "AND pid <> pg_backend_pid() AND application_name <> '" + ItemsWriter.APPLICATION_NAME + "' AND xact_start IS NOT NULL "
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
}
