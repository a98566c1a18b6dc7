package io.sgstream.capture;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.capture.offsets.OffsetStoreSettings;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.event.Op;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.TransactionEnd;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stopped capture resumes where it committed, in the same epoch, with the next txseq and without a new snapshot,
 * whether offsets are in the source, in another database, or in a file.
 */
class ResumeAndOffsetsTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void emptySnapshotIsTransactionZeroAndARestartResumesFromOffsetsInAnotherDatabase() throws Exception {
        String db = PG.createDatabase("resume");
        String offsetsDb = PG.createDatabase("offsets");
        PG.execute(db, "CREATE TABLE t (id int PRIMARY KEY, v text)");
        CaptureConfig config = TestCaptures.config(PG, db, "resume")
                .offsets(OffsetStoreSettings.jdbc(TestCaptures.endpoint(PG, offsetsDb), "capture.offsets"))
                .build();
        MeterRegistry registry = new SimpleMeterRegistry();
        String epoch;
        try (RecordingEndpoint endpoint = new RecordingEndpoint(); HttpEventSink sink = TestCaptures.sink(endpoint, 8)) {
            try (CaptureService capture = new CaptureService(config, sink, registry)) {
                capture.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(0) != null);
                TransactionEnd snapshot = endpoint.transactionEnd(0);
                assertThat(snapshot.eventCount()).isZero();
                epoch = snapshot.epoch();
                PG.execute(db, "INSERT INTO t VALUES (1, 'one')");
                await().atMost(Duration.ofSeconds(60)).until(() -> capture.status().acknowledgedTxSeq() == 1);
                await().atMost(Duration.ofSeconds(60)).until(() -> capture.status().lagBytes() >= 0);
                assertThat(registry.get("sgstream.capture.events").tag("op", "c").counter().count()).isEqualTo(1);
                assertThat(registry.get("sgstream.capture.snapshot.completed").gauge().value()).isEqualTo(1);
                assertThat(registry.get("sgstream.capture.acknowledged.txseq").gauge().value()).isEqualTo(1);
                assertThat(registry.get("sgstream.capture.transactions").counter().count()).isEqualTo(2);
            }
            assertThat(registry.find("sgstream.capture.events").meters()).as("meters removed on stop").isEmpty();
            assertThat(offsetValue(offsetsDb, "capture.offsets", "test/resume")).contains("\"sgstream.txseq\":1")
                    .contains("\"sgstream.epoch\":\"" + epoch + "\"");
            assertThat(tableExists(db, "sgstream.capture_offsets")).as("nothing written to the source").isFalse();

            PG.execute(db, "INSERT INTO t VALUES (2, 'two')", "UPDATE t SET v = 'uno' WHERE id = 1"); // while down
            endpoint.clear();
            try (CaptureService capture = new CaptureService(config, sink, registry)) {
                capture.start();
                assertThat(capture.status().epoch()).isEqualTo(epoch);
                await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(3) != null);
                List<StreamEvent> events = endpoint.events();
                assertThat(events).allSatisfy(e -> assertThat(e.epoch()).isEqualTo(epoch));
                assertThat(events).extracting(e -> e.position().txSeq()).doesNotContain(0L, 1L);
                assertThat(events).filteredOn(e -> e instanceof RowChange).extracting(e -> ((RowChange) e).op())
                        .containsExactly(Op.CREATE, Op.UPDATE);
            }
        }
    }

    @Test
    void fileOffsetsResumeToo() throws Exception {
        String db = PG.createDatabase("fileoffsets");
        PG.execute(db, "CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t VALUES (1)");
        Path file = Files.createTempDirectory("sgstream-offsets").resolve("offsets.dat");
        CaptureConfig config = TestCaptures.config(PG, db, "fileoffsets").offsets(OffsetStoreSettings.file(file)).build();
        try (RecordingEndpoint endpoint = new RecordingEndpoint(); HttpEventSink sink = TestCaptures.sink(endpoint, 8)) {
            try (CaptureService capture = new CaptureService(config, sink, new SimpleMeterRegistry())) {
                capture.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> capture.status().acknowledgedTxSeq() == 0);
            }
            assertThat(file).exists();
            PG.execute(db, "INSERT INTO t VALUES (2)");
            endpoint.clear();
            try (CaptureService capture = new CaptureService(config, sink, new SimpleMeterRegistry())) {
                capture.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(1) != null);
                assertThat(endpoint.events()).filteredOn(e -> e instanceof RowChange)
                        .extracting(e -> ((RowChange) e).key().get("id").asInt()).containsExactly(2);
            }
        }
    }

    /**
     * A transaction still open while a later one commits and is acknowledged, then a restart before the open one
     * commits: all of the long transaction must arrive. With transaction metadata on PostgreSQL 17 the committed
     * offset (the short transaction's commit end) can equal the position of the open one's next change; Debezium's
     * 3.6.3 connector then skipped rows 1–6 as already seen, silently (debezium/dbz#76, fixed in the 3.7 connector).
     */
    @Test
    void aTransactionOpenAcrossARestartArrivesWhole() throws Exception {
        String db = PG.createDatabase("interleaved");
        String offsetsDb = PG.createDatabase("interleaved_offsets"); // no offset writes in the source's WAL between
        PG.execute(db, "CREATE TABLE t_long (id int PRIMARY KEY)", "CREATE TABLE t_short (id int PRIMARY KEY)");
        CaptureConfig config = TestCaptures.config(PG, db, "interleaved")
                .offsets(OffsetStoreSettings.jdbc(TestCaptures.endpoint(PG, offsetsDb), "capture.offsets")).build();
        try (RecordingEndpoint endpoint = new RecordingEndpoint(); HttpEventSink sink = TestCaptures.sink(endpoint, 8);
             Connection longTx = PG.server().connect(db); Statement s = longTx.createStatement()) {
            try (CaptureService capture = new CaptureService(config, sink, new SimpleMeterRegistry())) {
                capture.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> capture.status().acknowledgedTxSeq() == 0);
                longTx.setAutoCommit(false);
                s.execute("INSERT INTO t_long SELECT generate_series(1, 5)");
                PG.execute(db, "INSERT INTO t_short VALUES (90)");
                await().atMost(Duration.ofSeconds(60)).until(() -> capture.status().acknowledgedTxSeq() == 1);
                s.execute("INSERT INTO t_long SELECT generate_series(6, 10)");
            }
            longTx.commit();
            endpoint.clear();
            try (CaptureService capture = new CaptureService(config, sink, new SimpleMeterRegistry())) {
                capture.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(2) != null);
                assertThat(endpoint.events()).filteredOn(e -> e instanceof RowChange)
                        .extracting(e -> ((RowChange) e).table() + ":" + ((RowChange) e).key().get("id").asInt())
                        .containsExactly("t_long:1", "t_long:2", "t_long:3", "t_long:4", "t_long:5",
                                "t_long:6", "t_long:7", "t_long:8", "t_long:9", "t_long:10");
                assertThat(endpoint.transactionEnd(2).eventCount()).isEqualTo(10);
            }
        }
    }

    private static String offsetValue(String db, String table, String stream) throws Exception {
        try (Connection c = PG.server().connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT offset_value FROM " + table + " WHERE stream = '" + stream + "'"
                     + " AND " + TestCaptures.ENGINE_OFFSET)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static boolean tableExists(String db, String table) throws Exception {
        try (Connection c = PG.server().connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
