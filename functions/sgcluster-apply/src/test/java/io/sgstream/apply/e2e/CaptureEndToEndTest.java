package io.sgstream.apply.e2e;

import io.sgstream.apply.SgClusterApply;
import io.sgstream.apply.testing.ApplyWaits;
import io.sgstream.apply.testing.TestConfigs;
import io.sgstream.capture.CaptureConfig;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real capture service (Debezium, pgoutput) feeding this apply in-process: snapshot, then streamed changes
 * including unchanged TOAST values, a multi-megabyte value (split into parts), a key change, a table without key,
 * a truncate and a column added mid-stream. The target ends equal to the source.
 */
class CaptureEndToEndTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void captureToApplyKeepsTheTargetEqualToTheSource() throws Exception {
        String source = PG.createDatabase("e2e_src");
        String target = PG.createDatabase("e2e_dst");
        PG.execute(source,
                "CREATE TABLE accounts (id int PRIMARY KEY, owner text, balance numeric(12,2), doc text)",
                "ALTER TABLE accounts ALTER COLUMN doc SET STORAGE EXTERNAL",
                "CREATE TABLE items (sku text, wh int, qty int, tags text[], PRIMARY KEY (sku, wh))",
                "CREATE TABLE logs (at timestamptz, msg text)",
                "ALTER TABLE logs REPLICA IDENTITY FULL",
                "INSERT INTO accounts SELECT g, 'owner ' || g, 100, repeat(md5(g::text), 200) FROM generate_series(1, 50) g",
                "INSERT INTO items SELECT 'sku' || g, 1, g, ARRAY['a', NULL] FROM generate_series(1, 20) g",
                "INSERT INTO logs SELECT '2026-01-01'::timestamptz + g * interval '1 hour', 'log ' || g FROM generate_series(1, 5) g");
        StreamId stream = new StreamId("test", "e2e");
        CaptureConfig config = TestConfigs.capture(PG, stream, source, "public\\..*").build();
        try (CaptureToApply pipeline = CaptureToApply.start(TestConfigs.target(PG, target), config)) {
            SgClusterApply apply = pipeline.apply;
            ApplyWaits.snapshotComplete(apply, stream);

            try (Connection c = PG.server().connect(source); Statement s = c.createStatement()) {
                for (int i = 1; i <= 30; i++) { // balance only: the TOASTed doc is sent as unchanged
                    s.execute("BEGIN");
                    s.execute("UPDATE accounts SET balance = balance - " + i + " WHERE id = " + i);
                    s.execute("UPDATE accounts SET balance = balance + " + i + " WHERE id = " + (51 - i));
                    s.execute("COMMIT");
                }
                s.execute("UPDATE accounts SET doc = repeat(md5(random()::text), 70000) WHERE id = 7"); // ~2.2 MB
                s.execute("UPDATE items SET wh = wh + 100 WHERE sku IN ('sku1', 'sku2')");                // key change
                s.execute("DELETE FROM items WHERE sku = 'sku3'");
                s.execute("INSERT INTO logs VALUES (now(), 'new')");
                s.execute("UPDATE logs SET msg = 'edited' WHERE msg = 'log 1'");
                s.execute("DELETE FROM logs WHERE msg = 'log 2'");
                s.execute("ALTER TABLE items ADD COLUMN price numeric(8,2)");
                s.execute("INSERT INTO items VALUES ('sku99', 1, 5, '{}', 9.99)");
                s.execute("UPDATE items SET price = 1.50, qty = NULL WHERE sku = 'sku4'");
                s.execute("TRUNCATE logs");
                s.execute("INSERT INTO logs VALUES ('2026-02-02', 'after truncate')");
            }
            ApplyWaits.targetEqualsSource(PG.server(), source, target, "public");
            assertThat(apply.status(stream)).hasValueSatisfying(s -> {
                assertThat(s.failure()).isNull();
                assertThat(s.missedRows()).isZero();
            });
        }
    }
}
