package io.sgstream.apply.e2e;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.apply.SgClusterApply;
import io.sgstream.apply.testing.TableChecksums;
import io.sgstream.apply.testing.TestConfigs;
import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.CaptureService;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Without DDL import (tables created from the events), a source table without primary key but with REPLICA IDENTITY
 * FULL must arrive as a table without primary key: identical rows are legal there, and a primary key over all
 * columns (what the events' all-key columns alone suggest) would merge them. The real capture feeds the apply;
 * the target must end with the source's exact multiset of rows.
 */
class KeylessFullIdentityEndToEndTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void identicalRowsOfAKeylessFullIdentityTableStaySeparateRowsOnACreatedTarget() throws Exception {
        String source = PG.createDatabase("keylessfull_e2e_src");
        String target = PG.createDatabase("keylessfull_e2e_dst"); // empty: the apply creates the tables
        PG.execute(source,
                "CREATE TABLE log (at int, what text, amount numeric(6,2))",
                "ALTER TABLE log REPLICA IDENTITY FULL",
                "CREATE TABLE pair (a int, b text, PRIMARY KEY (a, b))", // keyed on all its columns: stays keyed
                "ALTER TABLE pair REPLICA IDENTITY FULL",
                "INSERT INTO log VALUES (1, 'x', 1.50), (1, 'x', 1.50), (1, 'x', 1.50), (2, 'y', NULL)",
                "INSERT INTO pair VALUES (1, 'x'), (2, 'y')");
        StreamId stream = new StreamId("test", "keylessfull-e2e");
        CaptureConfig config = TestConfigs.capture(PG, stream, source, "public\\..*").build();
        try (SgClusterApply apply = SgClusterApply.start(TestConfigs.target(PG, target));
             ApplySink sink = new ApplySink(apply);
             CaptureService capture = new CaptureService(config, sink, new SimpleMeterRegistry())) {
            capture.start();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(apply.position(stream))
                    .hasValueSatisfying(s -> assertThat(s.snapshotComplete()).isTrue()));

            try (Connection c = PG.server().connect(source); Statement s = c.createStatement()) {
                s.execute("INSERT INTO log VALUES (1, 'x', 1.50)");                                  // a fourth copy
                s.execute("DELETE FROM log WHERE ctid = (SELECT ctid FROM log WHERE at = 1 LIMIT 1)"); // one copy of x
                s.execute("UPDATE log SET what = 'z' WHERE ctid = (SELECT ctid FROM log WHERE at = 1 LIMIT 1)");
                s.execute("BEGIN");
                s.execute("INSERT INTO log VALUES (2, 'y', NULL)");
                s.execute("UPDATE log SET amount = 9 WHERE ctid = (SELECT ctid FROM log WHERE at = 2 LIMIT 1)");
                s.execute("COMMIT");
                s.execute("INSERT INTO pair VALUES (3, 'z')");
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(TableChecksums.of(PG.server(), target, "public"))
                            .isEqualTo(TableChecksums.of(PG.server(), source, "public")));
            assertThat(apply.status(stream)).hasValueSatisfying(s -> {
                assertThat(s.failure()).isNull();
                assertThat(s.missedRows()).isZero();
            });
        }
        assertThat(TableChecksums.rows(PG.server(), target, "log", "t::text"))
                .containsExactlyInAnyOrder("(1,x,1.50)", "(1,x,1.50)", "(1,z,1.50)", "(2,y,9.00)", "(2,y,)");
        assertThat(primaryKey(target, "log")).isEmpty();
        assertThat(primaryKey(target, "pair")).containsExactly("a", "b");
    }

    private static java.util.List<String> primaryKey(String database, String table) throws Exception {
        return TableChecksums.query(PG.server(), database, "SELECT a.attname FROM pg_index i"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                + " WHERE i.indrelid = 'public." + table + "'::regclass AND i.indisprimary ORDER BY a.attnum");
    }
}
