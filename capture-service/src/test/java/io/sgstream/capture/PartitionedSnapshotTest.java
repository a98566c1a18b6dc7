package io.sgstream.capture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.capture.kubernetes.CaptureReadings;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.event.Op;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamEvent;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A keyless partitioned tree (root, a sub-partitioned partition, leaves; REPLICA IDENTITY FULL) captured by a
 * filter that matches every level: the snapshot reads each row once, under the name pgoutput streams its changes
 * with (the root when the publication publishes via the partition root, else the leaf partitions), and each
 * streamed change arrives once under that same name. Before the capture chose the level, the snapshot read each row
 * once per captured level (three times for a row of a sub-partition).
 */
class PartitionedSnapshotTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    private static final List<String> LEAVES = List.of("public.m_eu_2025", "public.m_eu_2026", "public.m_us");

    /** @param viaRoot {@code publish.via.partition.root} */
    @ParameterizedTest(name = "publish via partition root: {0}")
    @ValueSource(booleans = {false, true})
    void eachRowOfAKeylessTreeIsSnapshottedOnceAndEachChangeStreamedOnce(boolean viaRoot) throws Exception {
        String db = PG.createDatabase("parts_" + viaRoot);
        createTree(db);
        CaptureConfig config = TestCaptures.config(PG, db, "parts-" + viaRoot)
                .tableIncludeList("public\\.m.*")
                .debeziumProperty("publish.via.partition.root", Boolean.toString(viaRoot)).build();
        try (RecordingEndpoint endpoint = new RecordingEndpoint();
             HttpEventSink sink = TestCaptures.sink(endpoint, 16);
             CaptureService capture = new CaptureService(config, sink, new SimpleMeterRegistry())) {
            capture.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(0) != null);

            List<RowChange> snapshot = changes(endpoint.events(), 0);
            assertThat(snapshot).allSatisfy(r -> assertThat(r.op()).isEqualTo(Op.READ));
            assertThat(snapshot).extracting(r -> r.after().get("what").asText())
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 60).mapToObj(g -> "row " + g).toList());
            Map<String, Long> tables = endpoint.transactionEnd(0).tables();
            if (viaRoot) {
                assertThat(tables).isEqualTo(Map.of("public.m", 60L));
            } else {
                assertThat(tables).containsOnlyKeys(LEAVES);
                assertThat(tables.get("public.m_us")).isEqualTo(20L);
            }
            // the status counts the tables the snapshot read, which are the publication's as pgoutput publishes it
            assertThat(CaptureReadings.read(capture, new SimpleMeterRegistry()).snapshotTables())
                    .containsExactlyInAnyOrderElementsOf(tables.keySet());
            assertThat(CaptureReadings.publicationTables(capture)).hasValueSatisfying(
                    published -> assertThat(published).containsExactlyInAnyOrderElementsOf(tables.keySet()));

            try (Connection c = PG.server().connect(db); Statement s = c.createStatement()) {
                s.execute("INSERT INTO m VALUES ('eu', '2026-02-02', 'new eu'), ('us', '2026-02-02', 'new us')"); // tx 1
                s.execute("UPDATE m SET what = 'changed' WHERE what = 'row 2'"); // tx 2: in m_eu_2025
                s.execute("DELETE FROM m WHERE what = 'row 3'"); // tx 3: in m_us
                s.execute("UPDATE m SET region = 'us' WHERE what = 'row 4'"); // tx 4: moves from m_eu_2025 to m_us
                // a partition added while streaming: its parents are in the publication, so it is published at once
                s.execute("CREATE TABLE m_eu_2027 PARTITION OF m_eu FOR VALUES FROM ('2027-01-01') TO ('2028-01-01')");
                s.execute("INSERT INTO m VALUES ('eu', '2027-03-03', 'in a new partition')"); // tx 5
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.transactionEnd(5) != null);
            List<StreamEvent> all = endpoint.events();
            String eu2026 = viaRoot ? "public.m" : "public.m_eu_2026";
            String eu2025 = viaRoot ? "public.m" : "public.m_eu_2025";
            String us = viaRoot ? "public.m" : "public.m_us";
            assertThat(changes(all, 1)).extracting(r -> r.op() + " " + r.qualifiedTable() + " " + r.after().get("what").asText())
                    .containsExactlyInAnyOrder("CREATE " + eu2026 + " new eu", "CREATE " + us + " new us");
            assertThat(changes(all, 2)).extracting(r -> r.op() + " " + r.qualifiedTable() + " "
                            + r.before().get("what").asText() + " -> " + r.after().get("what").asText())
                    .containsExactly("UPDATE " + eu2025 + " row 2 -> changed");
            assertThat(changes(all, 3)).extracting(r -> r.op() + " " + r.qualifiedTable() + " " + r.before().get("what").asText())
                    .containsExactly("DELETE " + us + " row 3");
            // a row moving between partitions is a delete from one and an insert into the other (under the root's
            // name both, with publish via root)
            assertThat(changes(all, 4)).extracting(r -> r.op() + " " + r.qualifiedTable())
                    .containsExactly("DELETE " + eu2025, "CREATE " + us);
            assertThat(changes(all, 5)).extracting(r -> r.op() + " " + r.qualifiedTable() + " " + r.after().get("what").asText())
                    .containsExactly("CREATE " + (viaRoot ? "public.m" : "public.m_eu_2027") + " in a new partition");
            assertThat(endpoint.highestTxSeq()).isEqualTo(5);
        }
    }

    /** 60 rows: 20 in each of m_eu_2025, m_eu_2026 (below m_eu) and m_us, below the root m; and a table not captured. */
    private static void createTree(String db) {
        PG.execute(db,
                "CREATE TABLE m (region text NOT NULL, at date NOT NULL, what text) PARTITION BY LIST (region)",
                "CREATE TABLE m_eu PARTITION OF m FOR VALUES IN ('eu') PARTITION BY RANGE (at)",
                "CREATE TABLE m_eu_2025 PARTITION OF m_eu FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "CREATE TABLE m_eu_2026 PARTITION OF m_eu FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "CREATE TABLE m_us PARTITION OF m FOR VALUES IN ('us')",
                // the leaves' identity lets the source accept updates and deletes; the root's is what pgoutput
                // describes the old row with when it publishes via the root
                "ALTER TABLE m REPLICA IDENTITY FULL",
                "ALTER TABLE m_eu_2025 REPLICA IDENTITY FULL",
                "ALTER TABLE m_eu_2026 REPLICA IDENTITY FULL",
                "ALTER TABLE m_us REPLICA IDENTITY FULL",
                "CREATE TABLE other (what text)", // not captured
                "INSERT INTO m SELECT CASE WHEN g % 3 = 0 THEN 'us' ELSE 'eu' END, date '2025-06-01' + g * 7,"
                        + " 'row ' || g FROM generate_series(1, 60) g",
                "INSERT INTO other VALUES ('not captured')");
    }

    /**
     * Without publish via root, a filter matching the root and one partition: the other partitions' changes are
     * published under names the filter does not capture (and a warning says so), and their rows are read once,
     * through the root, whose SELECT leaves out the captured partition's rows.
     */
    @org.junit.jupiter.api.Test
    void aRootCapturedWithOneOfItsPartitionsReadsEveryRowOnce() throws Exception {
        String db = PG.createDatabase("parts_some");
        createTree(db);
        CaptureConfig config = TestCaptures.config(PG, db, "parts-some").tableIncludeList("public\\.m,public\\.m_us").build();
        try (RecordingEndpoint endpoint = new RecordingEndpoint();
             HttpEventSink sink = TestCaptures.sink(endpoint, 16);
             CaptureService capture = new CaptureService(config, sink, new SimpleMeterRegistry())) {
            capture.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(0) != null);
            List<RowChange> snapshot = changes(endpoint.events(), 0);
            assertThat(snapshot).extracting(r -> r.after().get("what").asText())
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 60).mapToObj(g -> "row " + g).toList());
            assertThat(endpoint.transactionEnd(0).tables()).isEqualTo(Map.of("public.m", 40L, "public.m_us", 20L));
            assertThat(CaptureReadings.read(capture, new SimpleMeterRegistry()).snapshotTables())
                    .containsExactly("public.m", "public.m_us");
        }
    }

    /**
     * A publication of all tables that already exists and publishes via the root, whatever the stream's
     * {@code publish.via.partition.root} says (Debezium sets it only when it creates the publication): the snapshot
     * follows the publication, and reads the root.
     */
    @org.junit.jupiter.api.Test
    void anExistingPublicationDecidesTheLevel() throws Exception {
        String db = PG.createDatabase("parts_all");
        createTree(db);
        PG.execute(db, "CREATE PUBLICATION parts_all FOR ALL TABLES WITH (publish_via_partition_root = true)");
        CaptureConfig config = TestCaptures.config(PG, db, "parts-all").publicationName("parts_all")
                .tableIncludeList("public\\.m.*").debeziumProperty("publication.autocreate.mode", "all_tables")
                .debeziumProperty("publish.via.partition.root", "false").build();
        try (RecordingEndpoint endpoint = new RecordingEndpoint();
             HttpEventSink sink = TestCaptures.sink(endpoint, 16);
             CaptureService capture = new CaptureService(config, sink, new SimpleMeterRegistry())) {
            capture.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(0) != null);
            assertThat(changes(endpoint.events(), 0)).extracting(r -> r.after().get("what").asText())
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 60).mapToObj(g -> "row " + g).toList());
            assertThat(endpoint.transactionEnd(0).tables()).isEqualTo(Map.of("public.m", 60L));
            try (Connection c = PG.server().connect(db); Statement s = c.createStatement()) {
                s.execute("INSERT INTO m VALUES ('us', '2026-02-02', 'new us')");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.transactionEnd(1) != null);
            assertThat(changes(endpoint.events(), 1)).extracting(RowChange::qualifiedTable).containsExactly("public.m");
        }
    }

    static List<RowChange> changes(List<StreamEvent> events, long txSeq) {
        return events.stream().filter(e -> e instanceof RowChange r && r.position().txSeq() == txSeq)
                .map(e -> (RowChange) e).toList();
    }
}
