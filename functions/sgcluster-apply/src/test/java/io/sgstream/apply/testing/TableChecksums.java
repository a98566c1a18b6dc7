package io.sgstream.apply.testing;

import io.sgstream.testing.PostgresServer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Order-independent content of the tables of a schema: per table the row count and the md5 of all row texts
 * sorted. Two databases with equal checksums hold the same rows (as multisets), whatever order they were
 * written in.
 */
public final class TableChecksums {

    private TableChecksums() {
    }

    public static Map<String, String> of(PostgresServer server, String database, String schema) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = server.connect(database)) {
            for (String table : tables(c, schema)) {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
                             + " FROM " + table + " t")) {
                    rs.next();
                    out.put(table, rs.getLong(1) + " rows, md5 " + rs.getString(2));
                }
            }
        }
        return out;
    }

    /** The rows of a table as text, ordered by the given expression. */
    public static List<String> rows(PostgresServer server, String database, String table, String orderBy) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = server.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t ORDER BY " + orderBy)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The first column of every row of a query, as text. */
    public static List<String> query(PostgresServer server, String database, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = server.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static List<String> tables(Connection c, String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name)"
                + " FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY 1")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
