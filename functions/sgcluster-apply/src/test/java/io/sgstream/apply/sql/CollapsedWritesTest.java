package io.sgstream.apply.sql;

import io.sgstream.apply.schema.SchemaEvolutionMode;
import io.sgstream.apply.schema.SchemaEvolution;
import io.sgstream.apply.testing.SourceRecorder;
import io.sgstream.apply.testing.TableChecksums;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer's collapsing across transactions (reorder) on its own: changes of many source transactions that
 * alternate two tables become one statement per table and kind where their order cannot be observed, and stay
 * one statement per change where it can (a trigger that fires, a unique index besides the key, no replication
 * role); the result equals the source either way.
 */
class CollapsedWritesTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    private static final String TABLES = "CREATE TABLE a (id int PRIMARY KEY, v text, n int);"
            + " CREATE TABLE b (id int PRIMARY KEY, v text)";

    @Test
    void alternatingTablesCollapseIntoAStatementPerTableAndKind() throws Exception {
        Written w = write("", true);
        // per table: one delete and one upsert (a), one upsert (b), at most one update per column set
        assertThat(w.statements).isLessThanOrEqualTo(4);
        assertThat(w.target).isEqualTo(w.source);
    }

    @Test
    void withoutTheReplicationRoleEveryChangeKeepsItsPlace() throws Exception {
        Written w = write("", false);
        assertThat(w.statements).isGreaterThan(100);
        assertThat(w.target).isEqualTo(w.source);
    }

    @Test
    void aFiringTriggerOrASecondUniqueIndexKeepsTheTableInPlace() throws Exception {
        Written trigger = write("CREATE FUNCTION nop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;"
                + " CREATE TRIGGER b_nop AFTER INSERT ON b FOR EACH ROW EXECUTE FUNCTION nop();"
                + " ALTER TABLE b ENABLE ALWAYS TRIGGER b_nop", true);
        assertThat(trigger.statements).isGreaterThan(100);
        assertThat(trigger.target).isEqualTo(trigger.source);
        Written unique = write("CREATE UNIQUE INDEX a_v ON a (v)", true);
        // b collapses, a keeps its place: every change of a is a barrier for b's collected rows
        assertThat(unique.statements).isGreaterThan(100);
        assertThat(unique.target).isEqualTo(unique.source);
        Written disabled = write("CREATE FUNCTION nop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;"
                + " CREATE TRIGGER b_nop AFTER INSERT ON b FOR EACH ROW EXECUTE FUNCTION nop()", true);
        assertThat(disabled.statements).isLessThanOrEqualTo(4); // an ordinary trigger does not fire as replica
        assertThat(disabled.target).isEqualTo(disabled.source);
    }

    private record Written(int statements, Object source, Object target) {
    }

    /** 60 source transactions alternating a and b, written in one target transaction with one writer. */
    private static Written write(String targetDdl, boolean replicaRole) throws Exception {
        String source = PG.createDatabase("collapse_src");
        String target = PG.createDatabase("collapse_dst");
        PG.execute(source, TABLES, "INSERT INTO a SELECT g, 'v' || g, g FROM generate_series(1, 20) g");
        PG.execute(target, TABLES, "INSERT INTO a SELECT g, 'v' || g, g FROM generate_series(1, 20) g");
        if (!targetDdl.isEmpty()) {
            PG.execute(target, targetDdl);
        }
        List<StreamEvent> events = new ArrayList<>();
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, new StreamId("test", "collapse"), "00000001")) {
            for (int i = 1; i <= 60; i++) {
                int id = i;
                events.addAll(src.transaction(tx -> {
                    tx.update("public.a", "id = " + (1 + id % 20), "n = n + " + id);
                    tx.insert("public.b", "INSERT INTO b VALUES (" + id + ", 'b" + id + "')");
                    if (id % 3 == 0) {
                        tx.delete("public.a", "id = " + (1 + (id * 7) % 20));
                        tx.insert("public.a", "INSERT INTO a VALUES (" + (1 + (id * 7) % 20) + ", 'back " + id + "', 0)");
                    }
                }));
            }
        }
        RowWriter writer;
        try (Connection c = PG.server().connect(target)) {
            c.setAutoCommit(false);
            if (replicaRole) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET session_replication_role = replica");
                }
            }
            writer = new RowWriter(c, new SchemaEvolution(SchemaEvolutionMode.NONE), new StatementCache(), 2000, true);
            for (StreamEvent e : events) {
                if (e instanceof RowChange change) {
                    writer.write(change);
                }
            }
            writer.flush();
            c.commit();
        }
        return new Written(writer.statementsSent(), TableChecksums.of(PG.server(), source, "public"),
                TableChecksums.of(PG.server(), target, "public"));
    }
}
