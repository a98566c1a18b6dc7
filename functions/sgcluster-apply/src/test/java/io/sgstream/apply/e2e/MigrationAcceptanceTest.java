package io.sgstream.apply.e2e;

import io.sgstream.apply.SgClusterApply;
import io.sgstream.apply.prepare.TargetPreparation;
import io.sgstream.apply.testing.ApplyWaits;
import io.sgstream.apply.testing.CatalogDescription;
import io.sgstream.apply.testing.TableChecksums;
import io.sgstream.apply.testing.TestConfigs;
import io.sgstream.apply.testing.TypeSamples;
import io.sgstream.capture.CaptureConfig;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acceptance: a migration through the real capture (Debezium, pgoutput) into an empty target, with StackGres's
 * defaults for {@code spec.target.sgCluster}: the DDL is imported (user enum, domain, composite and range types
 * need nothing done by hand on the target), indexes and constraints are dropped for the snapshot and restored
 * after it. Every built-in type and arrays of them, NaN and infinities, json/jsonb, interval, bytea, NULLs, and a
 * large TOASTed text left unchanged by updates; after the snapshot, inserts, updates, deletes and a truncate,
 * the target equals the source by an order-independent checksum per table, and column by column for the type
 * table (a streamed timetz keeps its zone offset).
 */
class MigrationAcceptanceTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void anEmptyTargetBecomesAnExactCopyOfTheSource() throws Exception {
        String source = PG.createDatabase("accept_src");
        String target = PG.createDatabase("accept_dst");
        PG.execute(source, TypeSamples.USER_TYPES);
        PG.execute(source, TypeSamples.TABLE, "INSERT INTO types VALUES " + TypeSamples.TYPICAL,
                "INSERT INTO types VALUES " + TypeSamples.EDGES, "INSERT INTO types (id) VALUES (3)",
                "CREATE TYPE floatrange AS RANGE (SUBTYPE = float8, SUBTYPE_DIFF = float8mi)",
                "CREATE TABLE owners (id int PRIMARY KEY, name text NOT NULL UNIQUE, since daterange,"
                        + " CONSTRAINT name_not_blank CHECK (name <> ''))",
                "CREATE TABLE docs (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, owner int REFERENCES owners (id),"
                        + " counter int NOT NULL DEFAULT 0, band floatrange, level positive_int, body text)",
                "ALTER TABLE docs ALTER COLUMN body SET STORAGE EXTERNAL",
                "CREATE INDEX docs_owner ON docs (owner)",
                "INSERT INTO owners SELECT g, 'owner ' || g, daterange('2026-01-01', NULL) FROM generate_series(1, 20) g",
                "INSERT INTO docs (owner, band, level, body) SELECT 1 + g % 20, numrange(g, g + 1)::text::floatrange,"
                        + " g, repeat(md5(g::text), 400) FROM generate_series(1, 60) g");
        StreamId stream = new StreamId("test", "accept");
        TargetPreparation preparation = TestConfigs.preparation(PG, source, "public\\..*");
        CaptureConfig capture = TestConfigs.capture(PG, stream, source, "public\\..*").build();
        try (CaptureToApply pipeline = CaptureToApply.start(TestConfigs.target(PG, target).withPreparation(preparation),
                capture)) {
            SgClusterApply apply = pipeline.apply;
            ApplyWaits.snapshotComplete(apply, stream);
            // After the snapshot: every table equal, every index and constraint back as the source has it.
            assertThat(TableChecksums.of(PG.server(), target, "public")).isEqualTo(TableChecksums.of(PG.server(), source, "public"));
            assertThat(CatalogDescription.of(PG.server(), target, "'public'"))
                    .isEqualTo(CatalogDescription.of(PG.server(), source, "'public'"));

            String columns = allColumnsButId(source);
            try (Connection c = PG.server().connect(source); Statement s = c.createStatement()) {
                s.execute("INSERT INTO types SELECT id + 10, " + columns + " FROM types WHERE id IN (1, 2, 3)");
                s.execute("UPDATE types SET (" + columns + ") = (SELECT " + columns + " FROM types WHERE id = 2) WHERE id = 1");
                s.execute("UPDATE types SET (" + columns + ") = (SELECT " + columns + " FROM types WHERE id = 11) WHERE id = 3");
                s.execute("DELETE FROM types WHERE id = 12");
                for (int i = 1; i <= 20; i++) { // the TOASTed body is sent as unchanged
                    s.execute("UPDATE docs SET counter = counter + " + i + ", level = " + (100 + i) + " WHERE id = " + i);
                }
                s.execute("UPDATE docs SET body = repeat(md5('new'), 900) WHERE id = 21");
                s.execute("DELETE FROM docs WHERE id BETWEEN 30 AND 35");
                s.execute("INSERT INTO docs (owner, band, level, body) VALUES (2, '[0.5,1.5)', 5, repeat('z', 30000))");
                s.execute("INSERT INTO owners VALUES (21, 'late owner', 'empty')");
                s.execute("UPDATE owners SET name = 'renamed' WHERE id = 3");
            }
            awaitEqual(source, target, "docs", "owners"); // the TOASTed bodies kept through 20 updates, one replaced
            try (Connection c = PG.server().connect(source); Statement s = c.createStatement()) {
                s.execute("TRUNCATE owners, docs");
                s.execute("INSERT INTO owners VALUES (1, 'after truncate', NULL)");
                s.execute("INSERT INTO docs (owner, band, level, body) VALUES (1, NULL, NULL, NULL)");
            }
            awaitEqual(source, target, "docs", "owners");
            await().atMost(ApplyWaits.PIPELINE).untilAsserted(() -> assertThat(rows(target, "SELECT count(*) FROM types"))
                    .isEqualTo(rows(source, "SELECT count(*) FROM types")));
            assertThat(apply.status(stream)).hasValueSatisfying(s -> {
                assertThat(s.failure()).isNull();
                assertThat(s.missedRows()).isZero();
            });
        }
        assertThat(columnDifferences(source, target, "types")).isEmpty(); // column by column: names what differs
        assertThat(TableChecksums.of(PG.server(), target, "public")).hasSize(3)
                .isEqualTo(TableChecksums.of(PG.server(), source, "public"));
        assertThat(CatalogDescription.of(PG.server(), target, "'public'")).isEqualTo(CatalogDescription.of(PG.server(), source, "'public'"));
    }

    private static void awaitEqual(String source, String target, String... tables) {
        await().atMost(ApplyWaits.PIPELINE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, String> expected = TableChecksums.of(PG.server(), source, "public");
            Map<String, String> actual = TableChecksums.of(PG.server(), target, "public");
            for (String t : tables) {
                assertThat(actual.get("public." + t)).as(t).isEqualTo(expected.get("public." + t));
            }
        });
    }

    private static String allColumnsButId(String database) throws Exception {
        List<String> columns = new ArrayList<>();
        for (String row : rows(database, "SELECT attname FROM pg_attribute WHERE attrelid = 'public.types'::regclass"
                + " AND attnum > 1 AND NOT attisdropped ORDER BY attnum")) {
            columns.add(row);
        }
        return String.join(", ", columns);
    }

    /** Per column of the table: the values (by id) where target and source differ, as {@code column id: source / target}. */
    private static List<String> columnDifferences(String source, String target, String table) throws Exception {
        List<String> out = new ArrayList<>();
        for (String column : rows(source, "SELECT attname FROM pg_attribute WHERE attrelid = 'public." + table
                + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            String sql = "SELECT id || ': ' || coalesce(" + column + "::text, 'NULL') FROM " + table + " ORDER BY id";
            List<String> expected = rows(source, sql);
            List<String> actual = rows(target, sql);
            for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
                String e = i < expected.size() ? expected.get(i) : "-";
                String a = i < actual.size() ? actual.get(i) : "-";
                if (!e.equals(a)) {
                    out.add(column + " " + e + " / " + a);
                }
            }
        }
        return out;
    }

    private static List<String> rows(String database, String sql) throws Exception {
        return TableChecksums.query(PG.server(), database, sql);
    }
}
