package io.sgstream.apply.staging;

import io.sgstream.apply.db.ConnectionPool;
import io.sgstream.apply.state.StreamLocks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The apply's own tables in the target database (schema {@code sgstream} by default). The state lives in the
 * target, next to the data it describes, so that the new position commits atomically with the changes and the
 * function itself stays stateless.
 *
 * <pre>
 * staged_event  one row per delivered event (per part of a split event), unique on (stream, id): the dedup.
 *               position columns (epoch, txseq, seq, kind, part_*) let SQL decide what is complete;
 *               tx_events is the event count a transaction end announces; data holds the CloudEvent data.
 *               Snapshot rows applied on arrival keep a row with applied = true and no data: it dedups
 *               late copies and counts towards the snapshot's completeness until the snapshot is applied.
 * apply_state   one row per stream: epoch and applied_txseq (-1 while the snapshot is incomplete) are the
 *               high-water mark; last_commit_time feeds the lag; failure stops the stream until resolved;
 *               completed is set by the tombstone.
 * stream_table  the target tables a stream wrote, emptied when a new epoch restarts the stream.
 * target_preparation   per stream: when the source's DDL was imported, which epoch's snapshot had its indexes
 *               and constraints deferred (see prepare.TargetPreparer).
 * deferred_definition  the indexes and constraints dropped for the snapshot, with the statements that
 *               restore them, until restored.
 * pending_count per stream, changes (+/-) of the number of staged rows not applied yet, appended by
 *               statement-level triggers on staged_event in the transactions that insert, mark or delete them,
 *               so the status sums a few rows instead of counting the staging table (status.PendingCounts).
 * </pre>
 */
public final class StagingSchema {

    private final String schema;

    public StagingSchema(String schema) {
        this.schema = schema;
    }

    public String name() {
        return schema;
    }

    public String staged() {
        return schema + ".staged_event";
    }

    public String state() {
        return schema + ".apply_state";
    }

    public String pendingCounts() {
        return schema + ".pending_count";
    }

    public String streamTables() {
        return schema + ".stream_table";
    }

    /** Creates the schema and tables if missing; serialized by an advisory lock so replicas can race safely. */
    public void create(ConnectionPool pool) throws SQLException {
        try (ConnectionPool.Lease lease = pool.acquire()) {
            Connection c = lease.connection();
            try (Statement s = c.createStatement()) {
                StreamLocks.lockDdl(c);
                s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                s.execute("CREATE TABLE IF NOT EXISTS " + staged() + " ("
                        + " stream text NOT NULL,"
                        + " id text NOT NULL,"
                        + " epoch text COLLATE \"C\" NOT NULL," // epochs compare bytewise, as in Java
                        + " txseq bigint NOT NULL,"
                        + " seq bigint NOT NULL,"
                        + " kind text NOT NULL CHECK (kind IN ('c', 's', 'e')),"
                        + " part_index integer NOT NULL DEFAULT 0,"
                        + " part_count integer NOT NULL DEFAULT 1,"
                        + " tx_events bigint,"
                        + " type text NOT NULL,"
                        + " applied boolean NOT NULL DEFAULT false,"
                        + " data bytea,"
                        + " staged_at timestamptz NOT NULL DEFAULT now(),"
                        + " PRIMARY KEY (stream, id))");
                // applied before seq: the rows still to apply of a transaction form one index range, so the
                // snapshot's markers (applied, no data) are never scanned when reading what is left to do
                s.execute("CREATE INDEX IF NOT EXISTS staged_event_position ON " + staged()
                        + " (stream, epoch, txseq, applied, seq, part_index)");
                s.execute("CREATE INDEX IF NOT EXISTS staged_event_ends ON " + staged()
                        + " (stream, epoch, txseq) WHERE kind = 'e'");
                createPendingCounts(s);
                s.execute("CREATE TABLE IF NOT EXISTS " + state() + " ("
                        + " stream text PRIMARY KEY,"
                        + " epoch text COLLATE \"C\" NOT NULL,"
                        + " applied_txseq bigint NOT NULL DEFAULT -1,"
                        + " last_commit_time timestamptz,"
                        + " applied_at timestamptz,"
                        + " completed boolean NOT NULL DEFAULT false,"
                        + " failure text,"
                        + " failed_at timestamptz)");
                s.execute("CREATE TABLE IF NOT EXISTS " + streamTables() + " ("
                        + " stream text NOT NULL,"
                        + " table_schema text NOT NULL,"
                        + " table_name text NOT NULL,"
                        + " PRIMARY KEY (stream, table_schema, table_name))");
                s.execute("CREATE TABLE IF NOT EXISTS " + schema + ".target_preparation ("
                        + " stream text PRIMARY KEY,"
                        + " ddl_imported_at timestamptz,"
                        + " ddl_statements integer,"
                        + " deferred_epoch text COLLATE \"C\")");
                s.execute("CREATE TABLE IF NOT EXISTS " + schema + ".deferred_definition ("
                        + " stream text NOT NULL,"
                        + " ord integer NOT NULL,"
                        + " kind text NOT NULL CHECK (kind IN ('primary key', 'constraint', 'index', 'foreign key')),"
                        + " table_schema text NOT NULL,"
                        + " table_name text NOT NULL,"
                        + " name text NOT NULL,"
                        + " create_statement text NOT NULL,"
                        + " drop_statement text NOT NULL,"
                        + " restored_at timestamptz,"
                        + " PRIMARY KEY (stream, ord))");
                c.commit();
            } catch (SQLException e) {
                lease.failed(e);
                throw e;
            }
        }
    }

    /**
     * The pending counter: insert-only (a stager never waits for another's row lock, or the applier's), kept
     * exact by triggers in the very statements that change staged_event, whichever instance or path runs them.
     * Enabled ALWAYS: the apply runs with session_replication_role = replica. Created once, under the DDL lock,
     * and seeded with the rows already staged after CREATE TRIGGER has locked out concurrent stagers.
     */
    private void createPendingCounts(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT to_regclass('" + pendingCounts() + "') IS NOT NULL")) {
            if (rs.next() && rs.getBoolean(1)) {
                return;
            }
        }
        String function = schema + ".count_pending_events";
        s.execute("CREATE TABLE " + pendingCounts() + " (stream text NOT NULL, delta bigint NOT NULL)");
        s.execute("CREATE OR REPLACE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN"
                + " IF TG_OP = 'INSERT' THEN"
                + "  INSERT INTO " + pendingCounts() + " SELECT stream, count(*) FROM new_rows WHERE NOT applied GROUP BY stream;"
                + " ELSIF TG_OP = 'DELETE' THEN"
                + "  INSERT INTO " + pendingCounts() + " SELECT stream, -count(*) FROM old_rows WHERE NOT applied GROUP BY stream;"
                + " ELSE"
                + "  INSERT INTO " + pendingCounts() + " SELECT stream, sum(d) FROM ("
                + "   SELECT stream, 1 AS d FROM new_rows WHERE NOT applied"
                + "   UNION ALL SELECT stream, -1 FROM old_rows WHERE NOT applied) x GROUP BY stream HAVING sum(d) <> 0;"
                + " END IF;"
                + " RETURN NULL; END $f$");
        // Transition tables allow one event per trigger.
        String[][] triggers = {{"insert", "INSERT", "NEW TABLE AS new_rows"},
                {"update", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"},
                {"delete", "DELETE", "OLD TABLE AS old_rows"}};
        for (String[] t : triggers) {
            String name = "staged_event_pending_" + t[0];
            s.execute("CREATE TRIGGER " + name + " AFTER " + t[1] + " ON " + staged() + " REFERENCING " + t[2]
                    + " FOR EACH STATEMENT EXECUTE FUNCTION " + function + "()");
            s.execute("ALTER TABLE " + staged() + " ENABLE ALWAYS TRIGGER " + name);
        }
        s.execute("INSERT INTO " + pendingCounts() + " SELECT stream, count(*) FROM " + staged()
                + " WHERE NOT applied GROUP BY stream");
    }
}
