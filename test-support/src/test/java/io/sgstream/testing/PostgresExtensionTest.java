package io.sgstream.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresExtensionTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void startsARealServerWithLogicalDecoding() throws Exception {
        String db = PG.createDatabase("fixture");
        PG.execute(db, "CREATE TABLE t (id int primary key)", "CREATE PUBLICATION p FOR TABLE t");
        try (Connection c = PG.server().connect(db); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SHOW wal_level");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("logical");
            rs = s.executeQuery("SELECT lsn FROM pg_create_logical_replication_slot('fixture_slot', 'pgoutput')");
            assertThat(rs.next()).isTrue();
            s.execute("SELECT pg_drop_replication_slot('fixture_slot')");
        }
    }
}
