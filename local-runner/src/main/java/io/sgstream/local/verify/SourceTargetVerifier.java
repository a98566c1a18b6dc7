package io.sgstream.local.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a source and a target database: every user table's row count and {@link TableChecksum}, and every
 * sequence's value. Used at the end of a run; a difference makes the runner exit non-zero.
 */
public final class SourceTargetVerifier {

    private static final String TABLES = "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition"
            + " AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'sgstream') AND n.nspname NOT LIKE 'pg_toast%'"
            + " AND n.nspname NOT LIKE 'pg_temp%' ORDER BY 1";
    private static final String SEQUENCES = "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename),"
            + " coalesce(last_value, 0) FROM pg_sequences WHERE schemaname NOT IN ('sgstream') ORDER BY 1";

    private SourceTargetVerifier() {
    }

    /** Compares tables and, when {@code sequences}, every sequence's value. */
    public static Report compare(Connection source, Connection target, boolean sequences) throws SQLException {
        List<String> tables = list(source, TABLES);
        List<Difference> differences = new ArrayList<>();
        List<TableChecksum> checked = new ArrayList<>();
        List<String> targetTables = list(target, TABLES);
        for (String table : tables) {
            TableChecksum s = checksum(source, table);
            checked.add(s);
            if (!targetTables.contains(table)) {
                differences.add(new Difference(table, "missing on the target (" + s.rows() + " rows on the source)"));
                continue;
            }
            TableChecksum t = checksum(target, table);
            if (s.rows() != t.rows()) {
                differences.add(new Difference(table, "rows: source " + s.rows() + ", target " + t.rows()));
            } else if (!Objects.equals(s.checksum(), t.checksum())) {
                differences.add(new Difference(table, "same row count (" + s.rows() + ") but different contents"));
            }
        }
        Map<String, Long> sourceSequences = sequences ? sequences(source) : Map.of();
        Map<String, Long> targetSequences = sequences ? sequences(target) : Map.of();
        sourceSequences.forEach((name, value) -> {
            Long t = targetSequences.get(name);
            if (!value.equals(t)) {
                differences.add(new Difference(name, "sequence: source " + value + ", target " + t));
            }
        });
        return new Report(checked, sourceSequences.size(), differences);
    }

    public static TableChecksum checksum(Connection c, String qualifiedTable) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(String.format(TableChecksum.SQL, qualifiedTable))) {
            rs.next();
            return new TableChecksum(qualifiedTable, rs.getLong(1), rs.getBigDecimal(2));
        }
    }

    private static List<String> list(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static Map<String, Long> sequences(Connection c) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SEQUENCES)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    public record Difference(String object, String description) {
        @Override
        public String toString() {
            return object + ": " + description;
        }
    }

    public record Report(List<TableChecksum> tables, int sequences, List<Difference> differences) {
        public boolean identical() {
            return differences.isEmpty();
        }

        public long rows() {
            return tables.stream().mapToLong(TableChecksum::rows).sum();
        }
    }
}
