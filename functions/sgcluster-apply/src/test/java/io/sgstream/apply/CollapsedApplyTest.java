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

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Source transactions staged first and then applied in one batch, so the writer collapses the changes of tables
 * whose order nothing observes (RowWriter, reorder): the same key updated, deleted and inserted again across
 * transactions, unchanged TOAST values laid over whole rows and over other partial updates, key changes, and a
 * table with an ENABLE ALWAYS trigger that reads the collapsed tables — its log must equal the log the same
 * trigger wrote on the source, row by row, so it saw every other table exactly as the source had it.
 */
class CollapsedApplyTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    private static final String TABLES = "CREATE TABLE plain (id int PRIMARY KEY, v text, n int);"
            + " CREATE TABLE docs (id int PRIMARY KEY, title text, body text);"
            + " ALTER TABLE docs ALTER COLUMN body SET STORAGE EXTERNAL;"
            + " CREATE TABLE watched (id int PRIMARY KEY, note text)";
    /** Outside public (not compared by the checksums): what the trigger saw of plain and docs at each row. */
    private static final String WATCHER = "CREATE SCHEMA audit;"
            + " CREATE TABLE audit.seen (n bigserial PRIMARY KEY, op text, id int, plain_rows bigint, plain_sum bigint,"
            + "  docs_titles text);"
            + " CREATE FUNCTION audit.watch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + "  INSERT INTO audit.seen (op, id, plain_rows, plain_sum, docs_titles) SELECT TG_OP,"
            + "   CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END, (SELECT count(*) FROM public.plain),"
            + "   (SELECT coalesce(sum(n), 0) FROM public.plain),"
            + "   (SELECT string_agg(id || ':' || title || ':' || length(body), ',' ORDER BY id) FROM public.docs);"
            + "  RETURN NULL; END $$;"
            + " CREATE TRIGGER watch AFTER INSERT OR UPDATE OR DELETE ON watched FOR EACH ROW EXECUTE FUNCTION audit.watch()";

    @Test
    void collapsedRunsEndEqualToTheSourceAndATriggerSeesEveryTableInSourceOrder() throws Exception {
        String source = PG.createDatabase("collapse_src");
        String target = PG.createDatabase("collapse_dst");
        String seed = "INSERT INTO plain SELECT g, 'p' || g, g FROM generate_series(1, 10) g;"
                + " INSERT INTO docs SELECT g, 'doc ' || g, repeat(md5(g::text), 100) FROM generate_series(1, 6) g";
        PG.execute(source, TABLES, WATCHER);
        PG.execute(target, TABLES, WATCHER, "ALTER TABLE watched ENABLE ALWAYS TRIGGER watch");
        StreamId stream = new StreamId("test", "collapse");
        List<StreamEvent> events = new ArrayList<>();
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            PG.execute(source, seed);
            events.addAll(src.snapshot("public.plain", "public.docs", "public.watched"));
            PG.execute(source, "TRUNCATE audit.seen RESTART IDENTITY");
            // one key updated, deleted, inserted again and updated, across transactions, watched in between
            events.addAll(src.transaction(tx -> tx.update("public.plain", "id = 1", "n = n + 100")));
            events.addAll(src.transaction(tx -> tx.insert("public.watched", "INSERT INTO watched VALUES (1, 'after update')")));
            events.addAll(src.transaction(tx -> tx.delete("public.plain", "id = 1")));
            events.addAll(src.transaction(tx -> tx.insert("public.plain", "INSERT INTO plain VALUES (1, 'again', 7)")
                    .update("public.plain", "id = 2", "n = n * 3")));
            events.addAll(src.transaction(tx -> tx.update("public.watched", "id = 1", "note = 'after reinsert'")
                    .update("public.plain", "id = 1", "n = n + 1")));
            // unchanged TOAST: over a whole row inserted in the run, over a partial update, then deleted
            events.addAll(src.transaction(tx -> tx.insert("public.docs", "INSERT INTO docs VALUES (10, 'ten', repeat('x', 5000))")
                    .update("public.docs", "id = 2", "title = 'two v2'", "body")));
            events.addAll(src.transaction(tx -> tx.update("public.docs", "id = 10", "title = 'ten v2'", "body")
                    .update("public.docs", "id = 2", "title = 'two v3'", "body")
                    .update("public.docs", "id = 3", "title = 'three v2'", "body")));
            events.addAll(src.transaction(tx -> tx.delete("public.docs", "id = 3")
                    .delete("public.docs", "id = 4")
                    .insert("public.watched", "INSERT INTO watched VALUES (2, 'docs changed')")));
            events.addAll(src.transaction(tx -> tx.insert("public.docs", "INSERT INTO docs VALUES (4, 'four back', repeat('y', 4000))")));
            events.addAll(src.transaction(tx -> tx.update("public.docs", "id = 4", "title = 'four v2'", "body")));
            // key changes: 5 -> 50, then 5 comes back and 50 is updated, then 6 -> 5 after 5 is deleted
            events.addAll(src.transaction(tx -> tx.update("public.plain", "id = 5", "id = 50")));
            events.addAll(src.transaction(tx -> tx.insert("public.plain", "INSERT INTO plain VALUES (5, 'new five', 5)")
                    .update("public.plain", "id = 50", "n = n + 50")));
            events.addAll(src.transaction(tx -> tx.delete("public.plain", "id = 5")
                    .update("public.plain", "id = 6", "id = 5, v = 'six became five'")
                    .delete("public.watched", "id = 2")));
            for (int i = 0; i < 20; i++) {
                int k = i;
                events.addAll(src.transaction(tx -> tx.update("public.plain", "id = " + (7 + k % 4), "n = n + " + k)
                        .update("public.docs", "id = " + (1 + k % 2), "title = 'loop " + k + "'", "body")));
            }
            events.addAll(src.transaction(tx -> tx.insert("public.watched", "INSERT INTO watched VALUES (3, 'end')")));
        }
        long last = events.stream().mapToLong(e -> e.position().txSeq()).max().orElseThrow();
        // staged by an instance that does not apply, then applied at once: one batch, one target transaction
        try (SgClusterApply staging = SgClusterApply.start(TestConfigs.target(PG, target).withApplyEnabled(false))) {
            assertThat(staging.acceptAll(Deliveries.cloudEvents(events, 2000))).allMatch(AcceptResult::acknowledged);
        }
        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target))) {
            apply.applyPending(stream);
            assertThat(apply.status(stream)).hasValueSatisfying(s -> {
                assertThat(s.failure()).isNull();
                assertThat(s.appliedTxSeq()).isEqualTo(last);
                assertThat(s.missedRows()).isZero(); // nothing drifted: collapsing must not count misses either
            });
        }
        assertThat(TableChecksums.of(PG.server(), target, "public")).isEqualTo(TableChecksums.of(PG.server(), source, "public"));
        String seen = "SELECT op || ' ' || id || ' ' || plain_rows || ' ' || plain_sum || ' ' || docs_titles FROM audit.seen ORDER BY n";
        List<String> expected = TableChecksums.query(PG.server(), source, seen);
        assertThat(expected).hasSize(5);
        assertThat(TableChecksums.query(PG.server(), target, seen)).isEqualTo(expected);
    }
}
