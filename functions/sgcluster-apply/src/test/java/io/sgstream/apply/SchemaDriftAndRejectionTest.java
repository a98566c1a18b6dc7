package io.sgstream.apply;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.sgstream.apply.testing.Deliveries;
import io.sgstream.apply.testing.SourceRecorder;
import io.sgstream.apply.testing.TableChecksums;
import io.sgstream.apply.testing.TestConfigs;
import io.sgstream.event.EventCodec;
import io.sgstream.event.EventParts;
import io.sgstream.event.SignalEvent;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What cannot be applied is said clearly and loses nothing: schema drift stops the stream naming table and
 * column while its events stay staged; malformed events are refused with the reason and change nothing.
 */
class SchemaDriftAndRejectionTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void aColumnDroppedOnTheSourceThatTheTargetRequiresStopsTheStreamUntilFixed() throws Exception {
        String source = PG.createDatabase("drop_src");
        String target = PG.createDatabase("drop_dst");
        String ddl = "CREATE TABLE t (id int PRIMARY KEY, a text, b text NOT NULL)";
        PG.execute(source, ddl, "INSERT INTO t VALUES (1, 'one', 'b1'), (2, 'two', 'b2')");
        PG.execute(target, ddl); // as a DDL import leaves it
        StreamId stream = new StreamId("test", "drop");
        List<StreamEvent> events = new ArrayList<>();
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            events.addAll(src.snapshot("public.t"));
            events.addAll(src.transaction(tx -> tx.insert("public.t", "INSERT INTO t VALUES (3, 'three', 'b3')")));
            src.ddl("ALTER TABLE t DROP COLUMN b");
            events.addAll(src.transaction(tx -> tx.insert("public.t", "INSERT INTO t VALUES (4, 'four')")));
            events.addAll(src.transaction(tx -> tx.update("public.t", "id = 1", "a = 'uno'")));
        }
        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target))) {
            assertThat(apply.acceptAll(Deliveries.cloudEvents(events, 64_000))).allMatch(AcceptResult::acknowledged);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(apply.status(stream)).hasValueSatisfying(s -> {
                assertThat(s.failure()).contains("column public.t.b").contains("NOT NULL").contains("dropped on the source");
                assertThat(s.appliedTxSeq()).isEqualTo(1);
                assertThat(s.pendingEvents()).isEqualTo(4); // two changes, two transaction ends: kept
            }));

            PG.execute(target, "ALTER TABLE t ALTER COLUMN b DROP NOT NULL"); // the operator's fix
            apply.resume(stream);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(apply.status(stream)).hasValueSatisfying(s -> {
                assertThat(s.failure()).isNull();
                assertThat(s.appliedTxSeq()).isEqualTo(3);
                assertThat(s.pendingEvents()).isZero();
            }));
        }
        assertThat(TableChecksums.rows(PG.server(), target, "(SELECT id, a FROM t)", "1"))
                .containsExactlyElementsOf(TableChecksums.rows(PG.server(), source, "t", "1"));
    }

    @Test
    void aColumnRetypedOnTheSourceStopsTheStreamNamingTheColumnAndBothTypes() throws Exception {
        String source = PG.createDatabase("retype_src");
        String target = PG.createDatabase("retype_dst");
        PG.execute(source, "CREATE TABLE t2 (id int PRIMARY KEY, v text)", "INSERT INTO t2 VALUES (1, '10')");
        StreamId stream = new StreamId("test", "retype");
        List<StreamEvent> events = new ArrayList<>();
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            events.addAll(src.snapshot("public.t2"));
            src.ddl("ALTER TABLE t2 ALTER COLUMN v TYPE integer USING v::integer");
            events.addAll(src.transaction(tx -> tx.insert("public.t2", "INSERT INTO t2 VALUES (2, 20)")));
        }
        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target))) {
            assertThat(apply.acceptAll(Deliveries.cloudEvents(events, 64_000))).allMatch(AcceptResult::acknowledged);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(apply.status(stream)).hasValueSatisfying(s -> {
                assertThat(s.failure()).contains("column public.t2.v changed type").contains("'integer'").contains("'text'");
                assertThat(s.appliedTxSeq()).isZero();
                assertThat(s.pendingEvents()).isEqualTo(2);
            }));
        }
    }

    @Test
    void aKeylessFullIdentityTableAppliesIntoAnExactCopyWithoutKeyDuplicateRowsIncluded() throws Exception {
        String source = PG.createDatabase("keylessfull_src");
        String target = PG.createDatabase("keylessfull_dst");
        String ddl = "CREATE TABLE log (at int, what text)";
        PG.execute(source, ddl, "ALTER TABLE log REPLICA IDENTITY FULL", "INSERT INTO log VALUES (1, 'x'), (1, 'x'), (2, 'y')");
        PG.execute(target, ddl); // as the DDL import leaves it: no primary key
        StreamId stream = new StreamId("test", "keylessfull");
        List<StreamEvent> events = new ArrayList<>();
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            events.addAll(src.snapshot("public.log"));
            events.addAll(src.transaction(tx -> tx.insert("public.log", "INSERT INTO log VALUES (2, 'y')")));
            events.addAll(src.transaction(tx -> tx.update("public.log", "ctid = (SELECT min(ctid) FROM log WHERE at = 1)",
                    "what = 'changed'")));
            events.addAll(src.transaction(tx -> tx.delete("public.log", "ctid = (SELECT min(ctid) FROM log WHERE at = 2)")));
        }
        assertThat(events).filteredOn(e -> e instanceof io.sgstream.event.RowChange)
                .allSatisfy(e -> assertThat(((io.sgstream.event.RowChange) e).columns()).allMatch(c -> c.key()));
        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target))) {
            assertThat(apply.acceptAll(Deliveries.cloudEvents(events, 64_000))).allMatch(AcceptResult::acknowledged);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(apply.status(stream)).hasValueSatisfying(s -> {
                assertThat(s.failure()).isNull();
                assertThat(s.appliedTxSeq()).isEqualTo(3);
            }));
        }
        assertThat(TableChecksums.rows(PG.server(), target, "log", "at, what"))
                .containsExactlyElementsOf(TableChecksums.rows(PG.server(), source, "log", "at, what"))
                .containsExactly("(1,changed)", "(1,x)", "(2,y)");
    }

    @Test
    void aKeylessFullIdentityTableCreatedFromTheEventsHasNoPrimaryKeyAndKeepsItsDuplicateRows() throws Exception {
        String source = PG.createDatabase("keylesscreate_src");
        String target = PG.createDatabase("keylesscreate_dst"); // empty: created from the events (skipDdlImport)
        PG.execute(source, "CREATE TABLE log (at int, what text)", "ALTER TABLE log REPLICA IDENTITY FULL",
                "INSERT INTO log VALUES (1, 'x'), (1, 'x'), (2, 'y')");
        StreamId stream = new StreamId("test", "keylesscreate");
        List<StreamEvent> events = new ArrayList<>();
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            events.addAll(src.snapshot("public.log"));
            events.addAll(src.transaction(tx -> tx.insert("public.log", "INSERT INTO log VALUES (1, 'x')")));
            events.addAll(src.transaction(tx -> tx.delete("public.log", "ctid = (SELECT min(ctid) FROM log WHERE at = 1)")));
            events.addAll(src.transaction(tx -> tx.update("public.log", "ctid = (SELECT max(ctid) FROM log WHERE at = 1)",
                    "what = 'changed'")));
        }
        assertThat(events).filteredOn(e -> e instanceof io.sgstream.event.RowChange)
                .allMatch(e -> ((io.sgstream.event.RowChange) e).identity() == io.sgstream.event.KeyIdentity.FULL);
        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target))) {
            assertThat(apply.acceptAll(Deliveries.cloudEvents(events, 64_000))).allMatch(AcceptResult::acknowledged);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(apply.status(stream)).hasValueSatisfying(s -> {
                assertThat(s.failure()).isNull();
                assertThat(s.appliedTxSeq()).isEqualTo(3);
                assertThat(s.missedRows()).isZero();
            }));
        }
        assertThat(TableChecksums.of(PG.server(), target, "public")).isEqualTo(TableChecksums.of(PG.server(), source, "public"));
        assertThat(TableChecksums.rows(PG.server(), target, "log", "at, what"))
                .containsExactly("(1,changed)", "(1,x)", "(2,y)");
        assertThat(TableChecksums.query(PG.server(), target,
                "SELECT count(*) FROM pg_index WHERE indrelid = 'public.log'::regclass")).containsExactly("0");
    }

    @Test
    void changesWithoutIdentityStillCreateATableKeyedOnTheirKeyColumns() throws Exception {
        String source = PG.createDatabase("noidentity_src");
        String target = PG.createDatabase("noidentity_dst");
        PG.execute(source, "CREATE TABLE log (at int, what text)", "ALTER TABLE log REPLICA IDENTITY FULL",
                "INSERT INTO log VALUES (1, 'x'), (2, 'y')");
        StreamId stream = new StreamId("test", "noidentity");
        List<StreamEvent> events = new ArrayList<>();
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            events.addAll(src.snapshot("public.log"));
            events.addAll(src.transaction(tx -> tx.update("public.log", "at = 2", "what = 'z'")));
        }
        // as a capture from before data.identity existed sends them: the all-key columns read as a primary key
        events.replaceAll(e -> e instanceof io.sgstream.event.RowChange r
                ? r.withIdentity(io.sgstream.event.KeyIdentity.PRIMARY_KEY) : e);
        assertThat(Deliveries.cloudEvents(events, 64_000)).noneMatch(ce -> new String(ce.getData().toBytes(),
                StandardCharsets.UTF_8).contains("identity"));
        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target))) {
            assertThat(apply.acceptAll(Deliveries.cloudEvents(events, 64_000))).allMatch(AcceptResult::acknowledged);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(apply.status(stream)).hasValueSatisfying(s -> {
                assertThat(s.failure()).isNull();
                assertThat(s.appliedTxSeq()).isEqualTo(1);
            }));
        }
        assertThat(TableChecksums.of(PG.server(), target, "public")).isEqualTo(TableChecksums.of(PG.server(), source, "public"));
        assertThat(TableChecksums.query(PG.server(), target, "SELECT pg_get_indexdef(indexrelid) FROM pg_index"
                + " WHERE indrelid = 'public.log'::regclass AND indisprimary")).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .endsWith("(at, what)");
    }

    @Test
    void aTableWithoutKeyNeedsFullBeforeImagesAndSaysSo() throws Exception {
        String source = PG.createDatabase("keyless_src");
        String target = PG.createDatabase("keyless_dst");
        PG.execute(source, "CREATE TABLE notes (body text)", "INSERT INTO notes VALUES ('a'), ('b')");
        StreamId stream = new StreamId("test", "keyless");
        List<StreamEvent> events = new ArrayList<>();
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            events.addAll(src.snapshot("public.notes"));
            events.addAll(src.transaction(tx -> tx.update("public.notes", "body = 'a'", "body = 'A'")));
        }
        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target))) {
            assertThat(apply.acceptAll(Deliveries.cloudEvents(events, 64_000))).allMatch(AcceptResult::acknowledged);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(apply.status(stream)).hasValueSatisfying(s ->
                    assertThat(s.failure()).contains("public.notes has no primary key").contains("REPLICA IDENTITY FULL")));
        }
    }

    @Test
    void malformedEventsAreRejectedWithTheReasonAndWriteNothing() throws Exception {
        String target = PG.createDatabase("malformed_dst");
        StreamId stream = new StreamId("test", "malformed");
        StreamEvent valid = new io.sgstream.event.TransactionEnd(stream, "00000001", 0, 0, null, null, null, Map.of());
        CloudEvent good = EventCodec.toCloudEvent(valid);
        CloudEvent bigSignal = EventCodec.toCloudEvent(new SignalEvent(stream, "00000001",
                new io.sgstream.event.Position(1, 1), SignalEvent.COMMAND,
                io.sgstream.event.EventCodec.JSON.createObjectNode().put("command", "SELECT '" + "x".repeat(500) + "'")));
        CloudEvent part = EventParts.split(bigSignal, 200).get(1);

        Map<String, CloudEvent> bad = Map.of(
                "unknown type 'io.sgstream.unknown'", CloudEventBuilder.from(good).withType("io.sgstream.unknown").build(),
                "missing extension attribute 'epoch'", CloudEventBuilder.from(good).withoutExtension("epoch").build(),
                "does not match its position", CloudEventBuilder.from(good).withId("00000001-0-7").build(),
                "data is not valid JSON", CloudEventBuilder.from(good).withData("application/json",
                        "{not json".getBytes(StandardCharsets.UTF_8)).build(),
                "is not an SGStream source", CloudEventBuilder.from(good).withSource(URI.create("/elsewhere")).build(),
                "command signal 00000001-1-1 needs data", EventCodec.toCloudEvent(new SignalEvent(stream, "00000001",
                        new io.sgstream.event.Position(1, 1), SignalEvent.COMMAND, EventCodec.JSON.createObjectNode())),
                "part id 'wrong' must be", CloudEventBuilder.from(part).withId("wrong").build());

        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target))) {
            for (Map.Entry<String, CloudEvent> e : bad.entrySet()) {
                AcceptResult r = apply.accept(e.getValue()).join();
                assertThat(r.outcome()).as(e.getKey()).isEqualTo(AcceptResult.Outcome.REJECTED);
                assertThat(r.httpStatus()).isEqualTo(400);
                assertThat(r.reason()).contains(e.getKey());
            }
            AcceptResult notACloudEvent = apply.accept(Map.of("Content-Type", "application/json"), "{}".getBytes()).join();
            assertThat(notACloudEvent.httpStatus()).isEqualTo(400);
            assertThat(notACloudEvent.reason()).contains("not a CloudEvent");
            assertThat(apply.status()).isEmpty();
        }
        try (Connection c = PG.server().connect(target); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM sgstream.staged_event), (SELECT count(*) FROM sgstream.apply_state),"
                     + " (SELECT count(*) FROM pg_tables WHERE schemaname = 'public')")) {
            rs.next();
            assertThat(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).containsOnly(0L);
        }
    }
}
