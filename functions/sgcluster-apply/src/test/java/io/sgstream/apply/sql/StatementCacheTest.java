package io.sgstream.apply.sql;

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
 * Named server-side statements per connection: prepared once, reused, kept when the transaction that prepared
 * them rolls back (PREPARE is not transactional; the writer relies on that), and prepared again under a new
 * name once forgotten.
 */
class StatementCacheTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    private static final StatementShape UPSERT = new StatementShape(WriteKind.UPSERT, "public", "t",
            List.of(new StatementShape.TypedColumn("id", "integer", false), new StatementShape.TypedColumn("v", "text", false)),
            List.of(), List.of("id"), false);

    @Test
    void preparedOncePerConnectionAndKeptAcrossRollback() throws Exception {
        String db = PG.createDatabase("stmt_cache");
        PG.execute(db, "CREATE TABLE t (id int PRIMARY KEY, v text)");
        StatementCache cache = new StatementCache();
        try (Connection c = PG.server().connect(db)) {
            c.setAutoCommit(false);
            String name = cache.preparedNames(c, List.of(UPSERT, UPSERT)).get(0);
            assertThat(cache.preparedNames(c, List.of(UPSERT))).containsExactly(name);
            c.rollback();
            assertThat(preparedOnServer(c)).containsExactly(name);
            execute(c, name, new String[]{"1", "2"}, new String[]{"one", "two"});
            execute(c, name, new String[]{"2"}, new String[]{"two again"});
            c.commit();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT string_agg(id || '=' || v, ',' ORDER BY id) FROM t")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("1=one,2=two again");
            }
            cache.forget(c);
            String again = cache.preparedNames(c, List.of(UPSERT)).get(0);
            assertThat(again).isNotEqualTo(name); // the old name may still exist: a new one never collides
            c.commit();
        }
    }

    private static void execute(Connection c, String name, String[] ids, String[] values) throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            rows.add(new String[]{ids[i], values[i]});
        }
        StringBuilder sql = new StringBuilder("EXECUTE ").append(name).append("(");
        TextArrayLiteral.append(sql, rows, 0);
        sql.append(", ");
        TextArrayLiteral.append(sql, rows, 1);
        try (Statement s = c.createStatement()) {
            s.execute(sql.append(")").toString());
            assertThat(s.getUpdateCount()).isEqualTo(ids.length);
        }
    }

    /** Values that need every kind of quoting come back exactly, whatever standard_conforming_strings says. */
    @Test
    void arrayLiteralsCarryAnyTextExactly() throws Exception {
        String db = PG.createDatabase("array_literal");
        String[] values = {"plain", "", "it's", "back\\slash\\", "\"quoted\"", "{braces},commas", " spaces ",
                "NULL", "multi\nline\ttab", "ünïcødé €", "\\'\"\\\"", null, "E'x'"};
        List<String[]> rows = new ArrayList<>();
        for (String v : values) {
            rows.add(new String[]{v});
        }
        StringBuilder literal = new StringBuilder();
        TextArrayLiteral.append(literal, rows, 0);
        try (Connection c = PG.server().connect(db); Statement s = c.createStatement()) {
            for (String setting : List.of("on", "off")) {
                s.execute("SET standard_conforming_strings = " + setting);
                s.execute("SET escape_string_warning = off");
                try (ResultSet rs = s.executeQuery("SELECT CAST(" + literal + " AS text[])")) {
                    rs.next();
                    assertThat((String[]) rs.getArray(1).getArray()).as(setting).containsExactly(values);
                }
            }
        }
    }

    private static List<String> preparedOnServer(Connection c) throws Exception {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(array_agg(name::text), '{}') FROM pg_prepared_statements"
                     + " WHERE name LIKE 'sgstream\\_%'")) {
            rs.next();
            return List.of((String[]) rs.getArray(1).getArray());
        }
    }
}
