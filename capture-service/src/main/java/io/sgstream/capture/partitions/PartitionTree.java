package io.sgstream.capture.partitions;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The source's tables and partitioned tables with their parents ({@code pg_inherits} of partitions; plain
 * inheritance children are separate tables to logical replication and are not linked).
 */
final class PartitionTree {

    /** A relation that can be captured: a table ({@code relkind r}) or a partitioned table ({@code p}). */
    record Relation(long oid, String schema, String name, boolean partitioned, long parent) {

        String qualified() {
            return schema + "." + name;
        }

        boolean isPartition() {
            return parent != 0;
        }
    }

    private final Map<Long, Relation> byOid;

    PartitionTree(Collection<Relation> relations) {
        byOid = new LinkedHashMap<>();
        relations.forEach(r -> byOid.put(r.oid(), r));
    }

    static PartitionTree read(Connection c) throws SQLException {
        List<Relation> relations = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT c.oid, n.nspname, c.relname, c.relkind = 'p', coalesce(i.inhparent, 0)
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND c.relispartition
                 WHERE c.relkind IN ('r', 'p')
                   AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                 ORDER BY n.nspname, c.relname""")) {
            while (rs.next()) {
                relations.add(new Relation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getLong(5)));
            }
        }
        return new PartitionTree(relations);
    }

    Collection<Relation> relations() {
        return byOid.values();
    }

    /** The tables that store rows: plain tables and leaf partitions. */
    List<Relation> leaves() {
        return byOid.values().stream().filter(r -> !r.partitioned()).toList();
    }

    /** {@code leaf} and its ancestors, the topmost first. */
    List<Relation> lineage(Relation leaf) {
        List<Relation> up = new ArrayList<>();
        for (Relation r = leaf; r != null; r = r.isPartition() ? byOid.get(r.parent()) : null) {
            up.add(0, r);
        }
        return up;
    }
}
