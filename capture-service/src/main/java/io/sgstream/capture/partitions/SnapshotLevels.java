package io.sgstream.capture.partitions;

import io.sgstream.capture.partitions.PartitionTree.Relation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which captured tables the initial snapshot reads so that each row is read once, under the name pgoutput streams
 * its changes with. A partitioned table's SELECT returns its partitions' rows, so a filter matching a root and its
 * partitions made Debezium read every row once per captured level (duplicates on a keyless target). pgoutput
 * publishes a change once: under the topmost ancestor in the publication when it publishes via the partition root,
 * else under the leaf partition that stores the row.
 *
 * <p>Each leaf's rows are read by one captured table, its owner: the name its changes are published under when the
 * filter captures that name; otherwise (a publication that names a table the filter leaves out) the topmost captured
 * level with publish via root, the lowest without, and a warning. A captured table that owns no rows is not read; one
 * that owns only some of its partitions' rows is read with a SELECT that leaves the others out.
 *
 * @param read     the captured tables to read, in the tree's order
 * @param excluded for a table in {@code read}, the leaf partitions below it whose rows another table reads
 * @param warnings leaves whose changes are published under a name the filter does not capture, or not at all:
 *                 {@code schema.table (published as schema.table)}
 */
record SnapshotLevels(List<Relation> read, Map<Relation, List<Relation>> excluded, List<String> warnings) {

    /**
     * The leaf's published name: its topmost ancestor (or itself) in the publication with {@code viaRoot}, else the
     * leaf when it or an ancestor is in the publication; null when it is not published.
     */
    static Function<Relation, Relation> publishedAs(PartitionTree tree, Predicate<Relation> inPublication,
                                                    boolean viaRoot) {
        return leaf -> {
            Relation topmost = tree.lineage(leaf).stream().filter(inPublication).findFirst().orElse(null);
            return topmost == null ? null : viaRoot ? topmost : leaf;
        };
    }

    /** The published name from {@code pg_publication_tables}, which lists each leaf or the ancestor it goes by. */
    static Function<Relation, Relation> publishedAs(PartitionTree tree, Set<String> listed) {
        return leaf -> tree.lineage(leaf).stream().filter(r -> listed.contains(r.qualified())).findFirst().orElse(null);
    }

    static SnapshotLevels plan(PartitionTree tree, Predicate<Relation> captured, boolean viaRoot,
                               Function<Relation, Relation> publishedAs) {
        Map<Relation, Relation> owner = new HashMap<>();
        Map<Relation, List<Relation>> leavesBelow = new HashMap<>(); // a leaf is below itself
        Set<String> warnings = new LinkedHashSet<>();
        for (Relation leaf : tree.leaves()) {
            List<Relation> lineage = tree.lineage(leaf);
            lineage.forEach(r -> leavesBelow.computeIfAbsent(r, k -> new ArrayList<>()).add(leaf));
            List<Relation> capturedLineage = lineage.stream().filter(captured).toList();
            if (capturedLineage.isEmpty()) {
                continue;
            }
            Relation published = publishedAs.apply(leaf);
            if (published != null && captured.test(published)) {
                owner.put(leaf, published);
            } else {
                owner.put(leaf, viaRoot ? capturedLineage.get(0) : capturedLineage.get(capturedLineage.size() - 1));
                warnings.add(leaf.qualified() + (published == null ? " (not in the publication)"
                        : " (published as " + published.qualified() + ")"));
            }
        }
        List<Relation> read = new ArrayList<>();
        Map<Relation, List<Relation>> excluded = new LinkedHashMap<>();
        for (Relation table : tree.relations()) {
            if (!captured.test(table)) {
                continue;
            }
            List<Relation> below = leavesBelow.getOrDefault(table, List.of());
            List<Relation> others = below.stream().filter(l -> !table.equals(owner.get(l))).toList();
            boolean topmostCaptured = table.equals(tree.lineage(table).stream().filter(captured).findFirst().orElse(null));
            if (below.isEmpty()) {
                // a partitioned table without partitions: published (and then read, as nothing) only as a root
                if (viaRoot && topmostCaptured) {
                    read.add(table);
                }
            } else if (others.size() < below.size()) {
                read.add(table);
                if (!others.isEmpty()) {
                    excluded.put(table, others);
                }
            }
        }
        return new SnapshotLevels(List.copyOf(read), Map.copyOf(excluded), List.copyOf(warnings));
    }

    /** The SELECT of a table whose partitions listed in {@link #excluded} are read under another name. */
    String select(Relation table) {
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(quote(table.schema())).append('.')
                .append(quote(table.name())).append(" WHERE tableoid NOT IN (");
        List<Relation> others = excluded.get(table);
        for (int i = 0; i < others.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(others.get(i).oid());
        }
        return sql.append(')').toString();
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
