package io.sgstream.apply;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.sgstream.apply.testing.Deliveries;
import io.sgstream.apply.testing.SourceRecorder;
import io.sgstream.apply.testing.TableChecksums;
import io.sgstream.apply.testing.TestConfigs;
import io.sgstream.event.EventCodec;
import io.sgstream.event.SignalEvent;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Signals act at their position in the stream, exactly once, whatever the delivery. */
class SignalsTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void commandRunsOnceAtItsPositionAndTombstoneSynchronizesSequences() throws Exception {
        String source = PG.createDatabase("signals_src");
        String target = PG.createDatabase("signals_dst");
        PG.execute(source, "CREATE TABLE items (id serial PRIMARY KEY, name text)",
                "CREATE TABLE counter (id int PRIMARY KEY, n int)", "CREATE TABLE cmd_log (items_seen bigint PRIMARY KEY)",
                "CREATE SEQUENCE invoice_seq", "CREATE SEQUENCE unused_seq START 100",
                "INSERT INTO items (name) SELECT 'item ' || g FROM generate_series(1, 3) g", "INSERT INTO counter VALUES (1, 0)",
                // not empty: without a DDL import, a table reaches the target only with its first row
                "INSERT INTO cmd_log VALUES (0)");
        StreamId stream = new StreamId("test", "signals");
        String command = "UPDATE counter SET n = n + 1; INSERT INTO cmd_log SELECT count(*) FROM items";
        List<StreamEvent> events = new ArrayList<>();
        SignalEvent commandEvent;
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            events.addAll(src.snapshot("public.items", "public.counter", "public.cmd_log"));
            events.addAll(src.transaction(tx -> tx.insert("public.items", "INSERT INTO items (name) VALUES ('four'), ('five')")));
            List<StreamEvent> signal = src.signal(SignalEvent.COMMAND, JsonNodeFactory.instance.objectNode().put("command", command));
            commandEvent = (SignalEvent) signal.get(0);
            events.addAll(signal);
            events.addAll(src.transaction(tx -> tx
                    .insert("public.items", "INSERT INTO items (name) VALUES ('six'), ('seven'), ('eight')")
                    .delete("public.items", "name = 'four'")));
            PG.execute(source, "SELECT nextval('invoice_seq') FROM generate_series(1, 5)");
            events.addAll(src.signal(SignalEvent.TOMBSTONE, sequencesData(source)));
        }
        List<CloudEvent> delivery = new ArrayList<>(Deliveries.cloudEvents(events, 64_000));
        CloudEvent commandCloudEvent = EventCodec.toCloudEvent(commandEvent);
        delivery.add(commandCloudEvent);
        delivery.add(commandCloudEvent); // three deliveries of the command in all
        Collections.shuffle(delivery, new Random(1));

        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target))) {
            assertThat(Deliveries.deliver(apply, delivery, 4)).allMatch(AcceptResult::acknowledged);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(apply.status(stream))
                    .hasValueSatisfying(s -> assertThat(s.completed()).isTrue()));
            assertThat(apply.accept(commandCloudEvent).join().outcome()).isEqualTo(AcceptResult.Outcome.STALE);
            apply.applyPending(stream);
        }
        // Once, and between the transaction that left 5 items and the one that changed them.
        assertThat(TableChecksums.rows(PG.server(), target, "counter", "id")).containsExactly("(1,1)");
        assertThat(TableChecksums.rows(PG.server(), target, "cmd_log", "1")).containsExactly("(0)", "(5)");
        assertThat(TableChecksums.rows(PG.server(), target, "items", "id"))
                .containsExactlyElementsOf(TableChecksums.rows(PG.server(), source, "items", "id"));
        assertThat(sequences(target)).isEqualTo(sequences(source)).hasSize(3);
    }

    @Test
    void syncSequencesSetsTheSourceValuesOfItsPositionAndTheStreamGoesOn() throws Exception {
        String source = PG.createDatabase("seqsync_src");
        String target = PG.createDatabase("seqsync_dst");
        PG.execute(source, "CREATE SCHEMA billing", "CREATE SEQUENCE billing.\"Invoice No\" INCREMENT 10",
                "SELECT nextval('billing.\"Invoice No\"') FROM generate_series(1, 3)", "CREATE SEQUENCE fresh",
                "CREATE TABLE items (id int PRIMARY KEY)", "INSERT INTO items VALUES (1)");
        PG.execute(target, "CREATE SEQUENCE fresh", "SELECT nextval('fresh') FROM generate_series(1, 7)");
        StreamId stream = new StreamId("test", "seqsync");
        List<StreamEvent> events = new ArrayList<>();
        List<String> atSignal;
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            events.addAll(src.snapshot("public.items"));
            events.addAll(src.signal(SignalEvent.SYNC_SEQUENCES, sequencesData(source)));
            atSignal = sequences(source);
            PG.execute(source, "SELECT nextval('billing.\"Invoice No\"')", "SELECT nextval('fresh')");
            events.addAll(src.transaction(tx -> tx.insert("public.items", "INSERT INTO items VALUES (2)")));
        }
        List<CloudEvent> delivery = new ArrayList<>(Deliveries.cloudEvents(events, 64_000));
        delivery.addAll(Deliveries.cloudEvents(events, 64_000)); // every event twice
        Collections.shuffle(delivery, new Random(2));

        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target))) {
            assertThat(Deliveries.deliver(apply, delivery, 4)).allMatch(AcceptResult::acknowledged);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(apply.status(stream))
                    .hasValueSatisfying(s -> assertThat(s.appliedTxSeq()).isEqualTo(2)));
            assertThat(apply.status(stream)).hasValueSatisfying(s -> assertThat(s.completed()).isFalse());
        }
        // The values of the signal's position, set once (a second setval would not change them either, but the
        // later nextval on the source must not be there: the signal carries its own position's values).
        assertThat(sequences(target)).isEqualTo(atSignal).isNotEqualTo(sequences(source)).hasSize(2);
        assertThat(TableChecksums.rows(PG.server(), target, "items", "id")).containsExactly("(1)", "(2)");
    }

    /** The {@code sequences} data the capture attaches to a tombstone or sync-sequences signal, read from pg_sequences. */
    private static ObjectNode sequencesData(String source) throws SQLException {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        ArrayNode sequences = data.putArray("sequences");
        try (Connection c = PG.server().connect(source); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT schemaname, sequencename, coalesce(last_value, start_value),"
                     + " last_value IS NOT NULL FROM pg_sequences WHERE schemaname <> 'pg_catalog'")) {
            while (rs.next()) {
                sequences.addObject().put("schema", rs.getString(1)).put("name", rs.getString(2))
                        .put("lastValue", rs.getLong(3)).put("isCalled", rs.getBoolean(4));
            }
        }
        return data;
    }

    /** {@code schema.name = last_value/is_called} of every sequence, read straight from the catalog. */
    private static List<String> sequences(String database) throws SQLException {
        List<String> names = new ArrayList<>();
        List<String> out = new ArrayList<>();
        try (Connection c = PG.server().connect(database); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND n.nspname NOT LIKE 'pg_%' ORDER BY 1")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                try (ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM " + name)) {
                    rs.next();
                    out.add(name + " = " + rs.getLong(1) + "/" + rs.getBoolean(2));
                }
            }
        }
        return out;
    }
}
