package io.sgstream.apply.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads target table definitions from {@code pg_catalog}. */
public final class TargetCatalog {

    private static final String COLUMNS = "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.atttypid,"
            + " a.atttypmod, a.attnotnull, a.atthasdef, a.attidentity::text, a.attgenerated::text,"
            + " (SELECT array_position(i.indkey::int2[], a.attnum) FROM pg_index i"
            + "  WHERE i.indrelid = c.oid AND i.indisprimary)"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_attribute a ON a.attrelid = c.oid"
            + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0"
            + " AND NOT a.attisdropped ORDER BY a.attnum";

    /** The table as it is now, or null if there is no such table. */
    public TargetTable load(Connection c, String schema, String table) throws SQLException {
        List<TargetColumn> columns = new ArrayList<>();
        Map<Integer, String> key = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(COLUMNS)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    columns.add(new TargetColumn(name, rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getBoolean(5),
                            rs.getBoolean(6), rs.getString(7), rs.getString(8)));
                    int position = rs.getInt(9);
                    if (!rs.wasNull()) {
                        key.put(position, name);
                    }
                }
            }
        }
        return columns.isEmpty() ? null : new TargetTable(schema, table, columns, new ArrayList<>(key.values()));
    }
}
