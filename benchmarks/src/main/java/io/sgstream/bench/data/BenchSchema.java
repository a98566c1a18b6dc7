package io.sgstream.bench.data;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The benchmark's tables: mixed types (numeric, timestamptz, text[], jsonb, uuid, boolean) and a TOASTed text
 * stored out of line ({@code STORAGE EXTERNAL}, ~3 kB per value), plus {@code bench_lag} (one row per workload
 * transaction, its commit time as the source saw it) and {@code bench_marker} (bumped to know a system caught up).
 */
public final class BenchSchema {

    public static final List<String> TABLES = List.of("public.bench_docs", "public.bench_events", "public.bench_items",
            "public.bench_lag", "public.bench_marker");

    /** Java regex of the captured tables (Debezium's table.include.list syntax). */
    public static final String INCLUDE_REGEX = "public\\.bench_.*";

    private static final String[] DDL = {
            "CREATE TABLE bench_items (id bigint PRIMARY KEY, name text NOT NULL, qty int NOT NULL, price numeric(12,2),"
                    + " created timestamptz NOT NULL, tags text[], attrs jsonb)",
            "CREATE TABLE bench_events (id bigint PRIMARY KEY, kind smallint NOT NULL, flag boolean, at timestamp,"
                    + " uid uuid, payload jsonb)",
            "CREATE TABLE bench_docs (id bigint PRIMARY KEY, title text NOT NULL, version int NOT NULL, body text)",
            // out of line and uncompressed: every body is really TOASTed, and unchanged on most updates
            "ALTER TABLE bench_docs ALTER COLUMN body SET STORAGE EXTERNAL",
            "CREATE TABLE bench_lag (id bigint PRIMARY KEY, client int NOT NULL, committed_at timestamptz NOT NULL)",
            "CREATE TABLE bench_marker (id int PRIMARY KEY, v bigint NOT NULL)",
    };

    /**
     * The target side of the lag measurement: a trigger records when each {@code bench_lag} row arrived, by the
     * same machine clock. ENABLE ALWAYS so it fires under {@code session_replication_role = replica} (native
     * apply workers, and any applier that sets it) too.
     */
    private static final String[] TARGET_LAG_CAPTURE = {
            "CREATE SCHEMA bench_meta",
            "CREATE TABLE bench_meta.lag_applied (id bigint, committed_at timestamptz, applied_at timestamptz)",
            "CREATE FUNCTION bench_meta.record_lag() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " INSERT INTO bench_meta.lag_applied VALUES (NEW.id, NEW.committed_at, clock_timestamp()); RETURN NULL; END $$",
            "CREATE TRIGGER record_lag AFTER INSERT ON bench_lag FOR EACH ROW EXECUTE FUNCTION bench_meta.record_lag()",
            "ALTER TABLE bench_lag ENABLE ALWAYS TRIGGER record_lag",
    };

    private BenchSchema() {
    }

    public static void createSource(Connection c) throws SQLException {
        run(c, DDL);
        run(c, "CREATE SEQUENCE bench_ids START 1000000000", "INSERT INTO bench_marker VALUES (1, 0)");
    }

    public static void createTarget(Connection c) throws SQLException {
        run(c, DDL);
        run(c, TARGET_LAG_CAPTURE);
    }

    /**
     * {@code rows} rows in total: 50% items, 48% events, 2% documents (each ~3.2 kB TOASTed body). Ids 1..n per
     * table; the workload's new ids come from {@code bench_ids}, far above.
     */
    public static void load(Connection c, long rows) throws SQLException {
        long docs = Math.max(10, rows / 50);
        long items = rows / 2;
        long events = rows - items - docs;
        run(c, "INSERT INTO bench_items SELECT i, 'item ' || i, (i % 1000)::int, (i % 100000) / 100.0,"
                        + " timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second',"
                        + " ARRAY['t' || (i % 7), 't' || (i % 11)], jsonb_build_object('color', i % 5, 'size', 'L', 'n', i)"
                        + " FROM generate_series(1, " + items + ") i",
                "INSERT INTO bench_events SELECT i, (i % 10)::smallint, i % 2 = 0, timestamp '2026-01-01' + i * interval '1 ms',"
                        + " md5(i::text)::uuid, jsonb_build_object('k', i, 'v', md5(i::text)) FROM generate_series(1, " + events + ") i",
                "INSERT INTO bench_docs SELECT i, 'doc ' || i, 1, repeat(md5(i::text), 100) FROM generate_series(1, " + docs + ") i",
                "VACUUM ANALYZE");
    }

    /** Rows loaded per table for {@code rows} in total (same split as {@link #load}). */
    public static long totalRows(long rows) {
        return rows + 1; // + the marker row
    }

    static void run(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }
}
