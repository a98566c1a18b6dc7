package io.sgstream.apply;

import io.sgstream.apply.testing.Deliveries;
import io.sgstream.apply.testing.SourceRecorder;
import io.sgstream.apply.testing.TableChecksums;
import io.sgstream.apply.testing.TestConfigs;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many small transactions that alternate tables and operations and touch the same rows again, applied in one
 * batch: the writer sends its statements many per round trip (RowWriter's pipelining), and the target must see
 * them run in exactly the source's order. A target trigger that fires under the replication role logs every
 * row operation with a sequence number, so the order the server ran them in is checked, not only the end state.
 */
class PipelinedWritesTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void statementsSentTogetherRunInSourceOrder() throws Exception {
        String source = PG.createDatabase("pipe_src");
        String target = PG.createDatabase("pipe_dst");
        String tables = "CREATE TABLE a (id int PRIMARY KEY, v text); CREATE TABLE b (id int PRIMARY KEY, v text, n int)";
        PG.execute(source, tables);
        PG.execute(target, tables,
                "CREATE SCHEMA audit", // outside public, so the checksums compare only the replicated tables
                "CREATE TABLE audit.op_log (n bigserial PRIMARY KEY, tbl text, op text, id int)",
                "CREATE FUNCTION audit.log_op() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " INSERT INTO audit.op_log (tbl, op, id) VALUES (TG_TABLE_NAME, TG_OP,"
                        + " CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END); RETURN NULL; END $$",
                "CREATE TRIGGER a_log AFTER INSERT OR UPDATE OR DELETE ON a FOR EACH ROW EXECUTE FUNCTION audit.log_op()",
                "CREATE TRIGGER b_log AFTER INSERT OR UPDATE OR DELETE ON b FOR EACH ROW EXECUTE FUNCTION audit.log_op()",
                "ALTER TABLE a ENABLE ALWAYS TRIGGER a_log", "ALTER TABLE b ENABLE ALWAYS TRIGGER b_log");
        StreamId stream = new StreamId("test", "pipelined");
        List<StreamEvent> events = new ArrayList<>();
        List<String> expected = new ArrayList<>(); // table, op and id of every row operation, in source order
        int transactions = 150; // > RowWriter.MAX_PIPELINED statements per round trip, several round trips
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            events.addAll(src.snapshot("public.a", "public.b")); // empty: the stream starts streaming at once
            for (int i = 1; i <= transactions; i++) {
                int id = i;
                events.addAll(src.transaction(tx -> {
                    tx.insert("public.a", "INSERT INTO a VALUES (" + id + ", 'a" + id + "')");
                    tx.insert("public.b", "INSERT INTO b VALUES (" + id + ", 'b" + id + "', " + id + ")");
                    tx.update("public.a", "id = " + id, "v = 'again " + id + "'");
                    if (id > 1) {
                        tx.delete("public.b", "id = " + (id - 1));
                        // the deleted row comes back in the same transaction: order between statements matters
                        tx.insert("public.b", "INSERT INTO b VALUES (" + (id - 1) + ", 'back', 0)");
                    }
                    if (id % 7 == 0) {
                        tx.delete("public.a", "id = " + (id - 3));
                    }
                }));
                expected.add("a INSERT " + id);
                expected.add("b INSERT " + id);
                expected.add("a UPDATE " + id);
                if (id > 1) {
                    expected.add("b DELETE " + (id - 1));
                    expected.add("b INSERT " + (id - 1));
                }
                if (id % 7 == 0) {
                    expected.add("a DELETE " + (id - 3));
                }
            }
        }
        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target))) {
            assertThat(apply.acceptAll(Deliveries.cloudEvents(events, 2000))).allMatch(AcceptResult::acknowledged);
            apply.applyPending(stream);
            assertThat(apply.status(stream)).hasValueSatisfying(s -> {
                assertThat(s.appliedTxSeq()).isEqualTo(transactions);
                assertThat(s.failure()).isNull();
            });
        }
        List<String> logged = new ArrayList<>();
        try (Connection c = PG.server().connect(target); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tbl, op, id FROM audit.op_log ORDER BY n")) {
            while (rs.next()) {
                logged.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3));
            }
        }
        // An update carrying the whole row is written as an upsert: its conflict fires the UPDATE trigger.
        assertThat(logged).isEqualTo(expected);
        assertThat(TableChecksums.of(PG.server(), target, "public")).isEqualTo(TableChecksums.of(PG.server(), source, "public"));
    }
}
