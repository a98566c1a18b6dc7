package io.sgstream.capture;

import io.sgstream.event.Op;
import io.sgstream.event.PgValues;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.TransactionEnd;
import io.sgstream.testing.PostgresExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A table {@code items} whose every change a trigger writes to {@code change_log} (in the source's commit order), and
 * the checks that compare a delivered stream with it: the kill tests' ground truth, independent of the capture.
 */
final class ChangeLog {

    /** The id of the row written last: once its transaction has arrived, everything before it has too. */
    private static final int THE_END = -1;

    private ChangeLog() {
    }

    /** Creates {@code items} with {@code rows} initial rows, and the trigger-written change log. */
    static void create(PostgresExtension pg, String db, int rows) {
        pg.execute(db,
                "CREATE TABLE items (id int PRIMARY KEY, v int NOT NULL, note text)",
                "INSERT INTO items SELECT i, 0, 'initial ' || i FROM generate_series(1, " + rows + ") i",
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
    }

    /** Writes a last row and waits until its transaction has arrived whole at {@code endpoint}. */
    static void writeTheEndAndAwaitIt(PostgresExtension pg, String db, RecordingEndpoint endpoint) {
        pg.execute(db, "INSERT INTO items VALUES (" + THE_END + ", -1, 'the end')");
        await().atMost(Duration.ofSeconds(120)).until(() -> endpoint.events().stream().anyMatch(ChangeLog::isTheEnd));
        long lastTx = endpoint.events().stream().filter(ChangeLog::isTheEnd)
                .mapToLong(e -> e.position().txSeq()).max().orElseThrow();
        await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(lastTx) != null);
    }

    private static boolean isTheEnd(StreamEvent e) {
        return e instanceof RowChange r && r.key().get("id").asInt() == THE_END;
    }

    /** Transactions numbered 0..n without a gap, each with as many events as its end declares. */
    static void assertGaplessAndComplete(List<StreamEvent> events) {
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
    static List<String> streamedChanges(List<StreamEvent> events) {
        return events.stream().filter(e -> e instanceof RowChange r && r.op() != Op.READ && r.key().get("id").asInt() != THE_END)
                .map(e -> (RowChange) e)
                .map(r -> (r.txId() % 4294967296L) + " " + r.op().code() + " " + r.key().get("id").asInt())
                .toList();
    }

    /** (txid, op, id) of every change the trigger logged, in the same form as {@link #streamedChanges}. */
    static List<String> read(Connection c) throws Exception {
        List<String> log = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT txid % 4294967296, op, id FROM change_log WHERE id <> " + THE_END
                     + " ORDER BY seq")) {
            while (rs.next()) {
                log.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getInt(3));
            }
        }
        return log;
    }

    /** The table as the events (of one epoch) describe it: snapshot rows, then each change applied in stream order. */
    static Map<Integer, String> finalState(List<StreamEvent> events) {
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

    /** The table as the source holds it, in the form of {@link #finalState}. */
    static Map<Integer, String> sourceState(Connection c) throws Exception {
        Map<Integer, String> rows = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, v::text, note FROM items")) {
            while (rs.next()) {
                rows.put(rs.getInt(1), rs.getString(2) + "|" + rs.getString(3));
            }
        }
        return rows;
    }
}
