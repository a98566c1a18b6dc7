package io.sgstream.apply.sql;

import io.sgstream.apply.schema.TargetColumn;
import io.sgstream.apply.schema.TargetTable;
import io.sgstream.event.Column;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the changes of a table may be written out of their interleaving with other tables' changes, collapsed
 * per key (see {@link RowWriter}): only when nothing inside the apply transaction can observe the order, so the
 * committed result is the same. Asked of the catalog once per table per apply transaction (a command signal may
 * change triggers or indexes: {@link #forget()}), under the lock the writes take. A table qualifies when
 * <ul>
 * <li>the session runs with {@code session_replication_role = replica}: otherwise ordinary triggers and foreign-key
 *     checks and actions fire, and they observe order;</li>
 * <li>it is a plain table with a primary key (rows are collapsed by key), not partitioned, not a partition, not
 *     an inheritance parent, without rules and without row-level security (policies may read other tables);</li>
 * <li>no trigger fires under the replication role ({@code ENABLE ALWAYS}/{@code ENABLE REPLICA}): such a trigger
 *     may read any table, so its table's changes stay barriers at their source position;</li>
 * <li>no unique index or exclusion constraint other than the primary key: PostgreSQL checks a non-deferrable
 *     unique index row by row, so a value moving from one row to another could collide in a different order;</li>
 * <li>no identity column {@code GENERATED ALWAYS}, and every column with a default or identity is carried by the
 *     events: a default that would fill a column (a sequence, {@code clock_timestamp()}) depends on order.</li>
 * </ul>
 */
final class ReorderSafety {

    /** Followed by the table's regclass literal. */
    private static final String SQL = "SELECT current_setting('session_replication_role') = 'replica'"
            + " AND c.relkind = 'r' AND NOT c.relispartition AND NOT c.relhassubclass AND NOT c.relhasrules"
            + " AND NOT c.relrowsecurity"
            + " AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgenabled IN ('A', 'R'))"
            + " AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND NOT i.indisprimary"
            + "  AND (i.indisunique OR i.indisexclusion))"
            + " AND EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary)"
            + " FROM pg_class c WHERE c.oid = ";

    private final Map<RowWriter.TableName, Boolean> tables = new HashMap<>();
    /** Per table, the last column list checked and its answer (consecutive changes share the list object). */
    private final Map<RowWriter.TableName, Map.Entry<List<Column>, Boolean>> columns = new HashMap<>();

    boolean reorderable(Connection c, RowWriter.TableName name, TargetTable table, List<Column> eventColumns)
            throws SQLException {
        if (!table.keyed()) {
            return false;
        }
        Map.Entry<List<Column>, Boolean> checked = columns.get(name);
        if (checked == null || (checked.getKey() != eventColumns && !checked.getKey().equals(eventColumns))) {
            checked = Map.entry(eventColumns, columnsAllow(table, eventColumns));
            columns.put(name, checked);
        }
        if (!checked.getValue()) {
            return false;
        }
        Boolean known = tables.get(name);
        if (known == null) {
            known = catalogAllows(c, name);
            tables.put(name, known);
        }
        return known;
    }

    /** The catalog may have changed (a command signal ran): ask again. */
    void forget() {
        tables.clear();
    }

    private static boolean columnsAllow(TargetTable table, List<Column> eventColumns) {
        Set<String> carried = new HashSet<>();
        eventColumns.forEach(col -> carried.add(col.name()));
        for (TargetColumn col : table.columns()) {
            if (col.identityAlways()) {
                return false;
            }
            if ((col.hasDefault() || !col.identity().isEmpty()) && col.writable() && !carried.contains(col.name())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Locks the table as its writes will (ROW EXCLUSIVE) before reading its definition, in one round trip: a
     * trigger or index created concurrently (CREATE TRIGGER/INDEX wait for that lock) cannot slip in between the
     * check and the writes of this transaction.
     */
    private static boolean catalogAllows(Connection c, RowWriter.TableName name) throws SQLException {
        String table = Sql.table(name.schema(), name.name());
        String regclass = "'" + table.replace("'", "''") + "'::regclass";
        try (Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute("LOCK TABLE " + table + " IN ROW EXCLUSIVE MODE; " + SQL + regclass);
            s.getMoreResults();
            try (ResultSet rs = s.getResultSet()) {
                return rs != null && rs.next() && rs.getBoolean(1);
            }
        }
    }
}
