package io.sgstream.capture.engine;

import io.sgstream.capture.PostgresEndpoint;
import io.sgstream.capture.values.TableCatalog;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;
import io.sgstream.event.TransactionEnd;
import io.sgstream.testing.PostgresExtension;
import io.sgstream.testing.PostgresServer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Numbering from records alone, on records shaped like Debezium's PostgreSQL records. */
class TransactionSequencerTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    private static final StreamId STREAM = new StreamId("test", "seq");
    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("schema", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA)
            .field("snapshot", Schema.OPTIONAL_STRING_SCHEMA).field("txId", Schema.OPTIONAL_INT64_SCHEMA)
            .field("lsn", Schema.OPTIONAL_INT64_SCHEMA).field("sequence", Schema.OPTIONAL_STRING_SCHEMA)
            .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA).build();
    private static final Schema ROW = SchemaBuilder.struct().name("t.Value").optional()
            .field("id", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema KEY = SchemaBuilder.struct().name("t.Key").field("id", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("t.Envelope")
            .field("before", ROW).field("after", ROW).field("source", SOURCE).field("op", Schema.STRING_SCHEMA).build();
    private static final Schema TX = SchemaBuilder.struct().name("io.debezium.connector.common.TransactionMetadataValue")
            .field("status", Schema.STRING_SCHEMA).build();
    private static final Schema HEARTBEAT = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat")
            .field("ts_ms", Schema.INT64_SCHEMA).build();

    private final List<StreamEvent> events = new ArrayList<>();
    private final List<String> boundaries = new ArrayList<>();
    private TableCatalog catalog;

    @BeforeEach
    void table() {
        String db = PG.createDatabase("sequencer");
        PG.execute(db, "CREATE TABLE t (id int PRIMARY KEY)");
        catalog = new TableCatalog(new PostgresEndpoint(PG.server().host(), PG.server().port(), db,
                PostgresServer.USER, PostgresServer.PASSWORD));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private TransactionSequencer sequencer(StreamPosition committed, Long committedCommitLsn) {
        return sequencer(committed, committedCommitLsn, null);
    }

    private TransactionSequencer sequencer(StreamPosition committed, Long committedCommitLsn, String reservedEpoch) {
        return new TransactionSequencer(STREAM, new RowChangeFactory(STREAM, catalog), committed, committedCommitLsn,
                reservedEpoch,
                new TransactionSequencer.Output() {
                    @Override
                    public void event(StreamEvent event) {
                        events.add(event);
                    }

                    @Override
                    public void boundary(Object commitToken, StreamPosition position) {
                        boundaries.add(commitToken + "@" + position.txSeq());
                    }
                }, Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void transactionsWithoutChangesGetNoNumberAndOnlyTheirEndsAndIdleHeartbeatsAreCommitPoints() {
        TransactionSequencer s = sequencer(new StreamPosition("e1", 4), 100L);
        s.accept(tx("BEGIN", 110), "b5");
        s.accept(row("1", 110, 100L), "r");
        s.accept(heartbeat(110), "hb-inside"); // inside a transaction: not a commit point
        s.accept(row("2", 111, 100L), "r");
        s.accept(tx("END", 120), "e5");
        s.accept(tx("BEGIN", 121), "b-empty");
        s.accept(tx("END", 130), "e-empty"); // nothing captured: no number
        s.accept(heartbeat(130), "hb-idle");
        s.accept(tx("BEGIN", 131), "b6");
        s.accept(row("3", 131, 130L), "r");
        s.accept(tx("END", 140), "e6");

        assertThat(events).extracting(StreamEvent::id)
                .containsExactly("e1-5-1", "e1-5-2", "e1-5-end", "e1-6-1", "e1-6-end");
        assertThat(((TransactionEnd) events.get(2)).eventCount()).isEqualTo(2);
        assertThat(((RowChange) events.get(0)).columns()).extracting(c -> c.type()).containsExactly("integer");
        assertThat(boundaries).containsExactly("e5@5", "e-empty@5", "hb-idle@5", "e6@6");
    }

    @Test
    void aSourceThatGoesBackBehindTheLastCommitStopsTheNumbering() {
        TransactionSequencer s = sequencer(new StreamPosition("e1", 4), 100L);
        s.accept(tx("BEGIN", 110), "b5");
        s.accept(row("1", 110, 100L), "r");
        s.accept(tx("END", 120), "e5");
        s.accept(tx("BEGIN", 110), "b5-again"); // replayed from the committed offset behind the sequencer's back
        assertThatThrownBy(() -> s.accept(row("1", 110, 100L), "r"))
                .isInstanceOf(TransactionSequencer.StreamDiscontinuityException.class)
                .hasMessageContaining("following commit 0/64 while the capture had reached commit 0/78");
        assertThat(events).extracting(StreamEvent::id).containsExactly("e1-5-1", "e1-5-end");
    }

    @Test
    void aStreamWithoutCommittedPositionStartsWithAnEmptySnapshotOfANewEpoch() {
        TransactionSequencer s = sequencer(null, null);
        s.accept(heartbeat(90), "hb");
        s.accept(tx("BEGIN", 100), "b");
        s.accept(row("7", 100, 90L), "r");
        s.accept(tx("END", 101), "e");
        assertThat(events).extracting(StreamEvent::id).containsExactly("20261125100000000-0-end",
                "20261125100000000-1-1", "20261125100000000-1-end");
        assertThat(((TransactionEnd) events.get(0)).eventCount()).isZero();
        assertThat(boundaries).containsExactly("hb@0", "e@1");
    }

    @Test
    void theReservedEpochIsTheNewSnapshotsEvenWhenTheClockIsBehindIt() {
        TransactionSequencer s = sequencer(null, null, "20261125110000000");
        s.accept(heartbeat(90), "hb");
        s.accept(tx("BEGIN", 100), "b");
        s.accept(row("7", 100, 90L), "r");
        s.accept(tx("END", 101), "e");
        assertThat(events).extracting(StreamEvent::id).containsExactly("20261125110000000-0-end",
                "20261125110000000-1-1", "20261125110000000-1-end");
    }

    private static ChangeRecord tx(String status, long lsn) {
        return new ChangeRecord(new SourceRecord(Map.of("server", "x"), Map.of("lsn", lsn, "lsn_commit", lsn),
                "x.transaction", null, null, null, TX, new Struct(TX).put("status", status)));
    }

    private static ChangeRecord heartbeat(long commitLsn) {
        return new ChangeRecord(new SourceRecord(Map.of("server", "x"), Map.of("lsn", commitLsn, "lsn_commit", commitLsn),
                "__debezium-heartbeat.x", null, null, null, HEARTBEAT, new Struct(HEARTBEAT).put("ts_ms", 1L)));
    }

    private static ChangeRecord row(String id, long lsn, Long previousCommit) {
        Struct source = new Struct(SOURCE).put("schema", "public").put("table", "t").put("snapshot", "false")
                .put("txId", 42L).put("lsn", lsn).put("ts_us", 1_000_000L)
                .put("sequence", "[" + (previousCommit == null ? "null" : "\"" + previousCommit + "\"") + ",\"" + lsn + "\"]");
        Struct value = new Struct(ENVELOPE).put("after", new Struct(ROW).put("id", id)).put("source", source).put("op", "c");
        return new ChangeRecord(new SourceRecord(Map.of("server", "x"), Map.of("lsn", lsn), "x.public.t", null, KEY,
                new Struct(KEY).put("id", id), ENVELOPE, value));
    }
}
