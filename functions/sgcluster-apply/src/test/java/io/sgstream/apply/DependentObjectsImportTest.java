package io.sgstream.apply;

import io.sgstream.apply.prepare.TargetPreparation;
import io.sgstream.apply.testing.ApplyWaits;
import io.sgstream.apply.testing.CatalogDescription;
import io.sgstream.apply.testing.Deliveries;
import io.sgstream.apply.testing.SourceRecorder;
import io.sgstream.apply.testing.TableChecksums;
import io.sgstream.apply.testing.TestConfigs;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DDL import beyond tables: the extensions the captured tables need (and not the others), functions and
 * procedures, views in dependency order (one older than the view it reads) and a materialized view with its
 * index (refreshed at the tombstone), a view on a table the stream does not capture left out, triggers with their enabled state, row-level
 * security and policies, comments. The catalog of the target then equals the source's; the triggers do not
 * fire for the rows the apply writes (it runs with {@code session_replication_role = replica}), so the tables
 * they would write to or stamp stay equal to the source through the snapshot and streamed changes.
 */
class DependentObjectsImportTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    static final String[] SCHEMA = {
            "CREATE EXTENSION citext", "CREATE EXTENSION pg_trgm", "CREATE EXTENSION hstore",
            "CREATE SCHEMA app",
            "CREATE TABLE app.accounts (id int PRIMARY KEY, email citext NOT NULL, balance numeric NOT NULL DEFAULT 0,"
                    + " owner_name text, updated_at timestamptz)",
            "CREATE INDEX accounts_email_trgm ON app.accounts USING gin ((email::text) gin_trgm_ops)",
            "CREATE TABLE app.audit (id bigserial PRIMARY KEY, account int, note text)",
            "CREATE TABLE app.hidden (x hstore)",
            "CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " NEW.updated_at := clock_timestamp();"
                    + " IF TG_OP = 'INSERT' THEN INSERT INTO app.audit (account, note) VALUES (NEW.id, 'created'); END IF;"
                    + " RETURN NEW; END $$",
            "CREATE TRIGGER accounts_touch BEFORE INSERT OR UPDATE ON app.accounts FOR EACH ROW EXECUTE FUNCTION app.touch()",
            "CREATE TRIGGER accounts_gone AFTER DELETE ON app.accounts FOR EACH ROW EXECUTE FUNCTION app.touch()",
            "ALTER TABLE app.accounts DISABLE TRIGGER accounts_gone",
            "CREATE FUNCTION app.rich(min numeric) RETURNS SETOF app.accounts LANGUAGE sql STABLE"
                    + " BEGIN ATOMIC SELECT * FROM app.accounts WHERE balance >= min; END",
            "CREATE PROCEDURE app.reset(a int) LANGUAGE sql AS $$ UPDATE app.accounts SET balance = 0 WHERE id = a $$",
            "CREATE VIEW app.a_first AS SELECT 1 AS id",
            "CREATE VIEW app.b_second WITH (security_barrier) AS SELECT id, email FROM app.rich(100)",
            "CREATE OR REPLACE VIEW app.a_first AS SELECT id FROM app.b_second WHERE id > 1", // older, reads the newer
            "CREATE MATERIALIZED VIEW app.totals AS SELECT count(*) AS n, sum(balance) AS total FROM app.accounts",
            "CREATE UNIQUE INDEX totals_n ON app.totals (n)",
            "CREATE VIEW app.v_hidden AS SELECT x FROM app.hidden",
            "ALTER TABLE app.accounts ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY own_rows ON app.accounts FOR SELECT TO PUBLIC USING (owner_name = current_user)",
            "CREATE POLICY no_negative ON app.accounts AS RESTRICTIVE FOR UPDATE TO PUBLIC USING (true) WITH CHECK (balance >= 0)",
            "COMMENT ON SCHEMA app IS 'the application'",
            "COMMENT ON TABLE app.accounts IS 'one per customer'",
            "COMMENT ON COLUMN app.accounts.email IS 'login, case-insensitive'",
            "COMMENT ON VIEW app.a_first IS 'it''s a view'",
            "COMMENT ON MATERIALIZED VIEW app.totals IS 'refresh me'",
            "COMMENT ON FUNCTION app.touch() IS 'stamps rows'",
            "COMMENT ON PROCEDURE app.reset(int) IS 'zeroes'",
            "COMMENT ON TRIGGER accounts_touch ON app.accounts IS 'stamp'",
            "COMMENT ON INDEX app.accounts_email_trgm IS 'fuzzy search'",
            "COMMENT ON CONSTRAINT accounts_pkey ON app.accounts IS 'by id'",
            "COMMENT ON POLICY own_rows ON app.accounts IS 'mine'",
            "COMMENT ON TABLE app.hidden IS 'not captured'"};

    @Test
    void viewsFunctionsTriggersPoliciesCommentsAndNeededExtensionsAreImportedAndTriggersDoNotFireForAppliedRows() throws Exception {
        String source = PG.createDatabase("deps_src");
        String target = PG.createDatabase("deps_dst");
        PG.execute(source, SCHEMA);
        PG.execute(source, "INSERT INTO app.accounts (id, email, balance) SELECT g, 'User' || g || '@x', g * 10"
                + " FROM generate_series(1, 40) g");
        StreamId stream = new StreamId("test", "deps");
        List<StreamEvent> events = new ArrayList<>();
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            events.addAll(src.snapshot("app.accounts", "app.audit"));
            for (int i = 1; i <= 5; i++) {
                int id = i;
                events.addAll(src.transaction(tx -> tx.update("app.accounts", "id = " + id, "balance = balance + 1")));
            }
            events.addAll(src.signal(io.sgstream.event.SignalEvent.TOMBSTONE,
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()));
        }
        TargetPreparation preparation = TestConfigs.preparation(PG, source, "app\\.(accounts|audit)");
        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target).withPreparation(preparation))) {
            assertThat(apply.acceptAll(Deliveries.cloudEvents(events, 64_000))).allMatch(AcceptResult::acknowledged);
            ApplyWaits.completed(apply, stream);
        }

        List<String> expected = CatalogDescription.of(PG.server(), source, "'app'").stream()
                .filter(l -> !l.contains("hidden")).toList();
        assertThat(CatalogDescription.of(PG.server(), target, "'app'")).isEqualTo(expected)
                .anySatisfy(l -> assertThat(l).startsWith("view app.a_first v"))
                .anySatisfy(l -> assertThat(l).startsWith("view app.b_second v security_barrier=true"))
                .anySatisfy(l -> assertThat(l).startsWith("index CREATE UNIQUE INDEX totals_n ON app.totals"))
                .anySatisfy(l -> assertThat(l).startsWith("trigger CREATE TRIGGER accounts_gone").endsWith("enabled=D"))
                .anySatisfy(l -> assertThat(l).startsWith("policy no_negative on accounts RESTRICTIVE UPDATE"))
                .anySatisfy(l -> assertThat(l).contains("PROCEDURE app.reset(IN a integer)"))
                .contains("row security app.accounts true false", "comment view app.a_first: it's a view",
                        "comment schema app: the application", "comment column email of table app.accounts: login, case-insensitive");
        assertThat(rows(target, "SELECT string_agg(extname, ',' ORDER BY extname) FROM pg_extension"))
                .containsExactly("citext,pg_trgm,plpgsql");
        assertThat(rows(target, "SELECT (to_regclass('app.v_hidden') IS NULL)::text")).containsExactly("true");
        // no audit rows and no new stamps from the target's triggers: the applied rows are the source's
        assertThat(TableChecksums.of(PG.server(), target, "app")).isEqualTo(TableChecksums.of(PG.server(), source, "app")
                .entrySet().stream().filter(e -> !e.getKey().contains("hidden") && !e.getKey().contains("totals"))
                .collect(java.util.stream.Collectors.toMap(e -> e.getKey(), e -> e.getValue())));
        assertThat(rows(target, "SELECT count(*) FROM app.audit")).containsExactly("40");
        // the materialized view is created WITH NO DATA and refreshed at the tombstone: it holds what the source's does
        assertThat(rows(target, "SELECT relispopulated::text FROM pg_class WHERE oid = 'app.totals'::regclass")).containsExactly("true");
        PG.execute(source, "REFRESH MATERIALIZED VIEW app.totals");
        assertThat(rows(target, "SELECT n || ' ' || total FROM app.totals")).isEqualTo(rows(source, "SELECT n || ' ' || total FROM app.totals"));
        assertThat(rows(target, "SELECT string_agg(id::text, ',' ORDER BY id) FROM app.a_first WHERE id < 15"))
                .containsExactly("10,11,12,13,14");
    }

    private static List<String> rows(String database, String sql) throws SQLException {
        return TableChecksums.query(PG.server(), database, sql);
    }
}
