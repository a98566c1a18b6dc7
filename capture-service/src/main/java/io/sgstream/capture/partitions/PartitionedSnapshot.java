package io.sgstream.capture.partitions;

import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.partitions.PartitionTree.Relation;
import io.sgstream.capture.preflight.CapturedTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Makes Debezium's initial snapshot read each row of a partitioned table once, at the level its changes are
 * streamed under ({@link SnapshotLevels}), with Debezium's own settings: {@code snapshot.include.collection.list}
 * names the captured tables to read, and {@code snapshot.select.statement.overrides} leaves out of a partitioned
 * table's SELECT the partitions another table reads. The tree is read from the source when the capture starts;
 * streams that capture no partitioned table keep their properties unchanged.
 *
 * <p>What the publication streams: the tables Debezium puts in it ({@code filtered}: the captured tables;
 * {@code all_tables}: all) and its {@code publish_via_partition_root}, read from {@code pg_publication} when it
 * exists (Debezium sets it only when creating it, from {@code publish.via.partition.root}). A publication the
 * capture does not manage ({@code disabled}, {@code no_tables}) is described by {@code pg_publication_tables}.
 */
public final class PartitionedSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionedSnapshot.class);
    static final String INCLUDE = "snapshot.include.collection.list";
    static final String OVERRIDES = "snapshot.select.statement.overrides";

    private PartitionedSnapshot() {
    }

    /**
     * Adds the snapshot settings to {@code properties} (the effective connector properties) when the stream
     * captures a partitioned table.
     *
     * @return the tables the snapshot reads ({@code schema.table}), empty when the properties are left unchanged
     */
    public static List<String> configure(CaptureConfig config, Map<String, String> properties) {
        SnapshotLevels levels;
        try (Connection c = config.source().connect("sgstream-partitions")) {
            levels = plan(c, config.publicationName(), properties).orElse(null);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the partitioned tables of database '"
                    + config.source().database() + "' at " + config.source().address() + ": " + e.getMessage(), e);
        }
        if (levels == null) {
            return List.of();
        }
        List<String> warnings = levels.warnings();
        if (!warnings.isEmpty()) { // one line, however many partitions
            LOG.warn("Stream {}: the changes of partitions {}{} are published under names the stream's includes/"
                    + "excludes do not capture, so they are not streamed; their rows are snapshotted once, through "
                    + "a captured ancestor — include those names, or change publishViaPartitionRoot", config.stream(),
                    String.join(", ", warnings.subList(0, Math.min(5, warnings.size()))),
                    warnings.size() > 5 ? " (and " + (warnings.size() - 5) + " more)" : "");
        }
        List<String> read = apply(levels, properties);
        LOG.info("Stream {} captures partitioned tables: the snapshot reads {} (each row once, under the name its "
                + "changes are published with)", config.stream(), read);
        return read;
    }

    /** The plan for the source behind {@code c}; empty when no captured table is partitioned. */
    static Optional<SnapshotLevels> plan(Connection c, String publication, Map<String, String> properties)
            throws SQLException {
        CapturedTables filter = new CapturedTables(properties);
        Predicate<Relation> captured = r -> filter.captures(r.schema(), r.name());
        PartitionTree tree = PartitionTree.read(c);
        if (tree.relations().stream().noneMatch(r -> r.partitioned() && captured.test(r))) {
            return Optional.empty();
        }
        String mode = properties.getOrDefault("publication.autocreate.mode", "all_tables");
        Boolean allTables = null;
        boolean viaRoot = Boolean.parseBoolean(properties.getOrDefault("publish.via.partition.root", "false"));
        // before PostgreSQL 13 a publication holds no partitioned table and publishes partitions as themselves
        boolean hasViaRoot = c.getMetaData().getDatabaseMajorVersion() >= 13;
        viaRoot &= hasViaRoot;
        try (PreparedStatement ps = c.prepareStatement("SELECT puballtables, "
                + (hasViaRoot ? "pubviaroot" : "false") + " FROM pg_publication WHERE pubname = ?")) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    allTables = rs.getBoolean(1);
                    viaRoot = rs.getBoolean(2);
                }
            }
        }
        Function<Relation, Relation> publishedAs;
        if (Boolean.TRUE.equals(allTables) || allTables == null && "all_tables".equals(mode)) {
            publishedAs = SnapshotLevels.publishedAs(tree, r -> true, viaRoot);
        } else if ("filtered".equals(mode) || allTables == null) {
            // filtered: Debezium creates or sets the publication's tables to the captured ones at start
            publishedAs = SnapshotLevels.publishedAs(tree, captured, viaRoot);
        } else {
            publishedAs = SnapshotLevels.publishedAs(tree, publicationTables(c, publication));
        }
        return Optional.of(SnapshotLevels.plan(tree, captured, viaRoot, publishedAs));
    }

    private static Set<String> publicationTables(Connection c, String publication) throws SQLException {
        Set<String> tables = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = ?")) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1) + "." + rs.getString(2));
                }
            }
        }
        return tables;
    }

    /**
     * Writes the plan into {@code properties}. A {@code snapshot.include.collection.list} or SELECT override the
     * SGStream sets itself narrows or replaces ours for its tables.
     */
    static List<String> apply(SnapshotLevels levels, Map<String, String> properties) {
        List<Pattern> own = patterns(properties.get(INCLUDE));
        List<Relation> read = levels.read().stream()
                .filter(r -> own.isEmpty() || own.stream().anyMatch(p -> p.matcher(r.qualified()).matches()
                        || p.matcher('"' + r.schema() + "\".\"" + r.name() + '"').matches()))
                .toList();
        if (read.isEmpty()) {
            return List.of(); // the SGStream's own list reads nothing we would: leave it as it is
        }
        properties.put(INCLUDE, read.stream().map(r -> regex(r.qualified())).collect(Collectors.joining(",")));
        Set<String> overridden = new LinkedHashSet<>(Arrays.stream(properties.getOrDefault(OVERRIDES, "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList());
        for (Relation table : read) {
            if (levels.excluded().containsKey(table) && overridden.add(table.qualified())) {
                properties.put(OVERRIDES + "." + table.qualified(), levels.select(table));
            }
        }
        if (!overridden.isEmpty()) {
            properties.put(OVERRIDES, String.join(",", overridden));
        }
        return read.stream().map(Relation::qualified).toList();
    }

    /** A regular expression matching exactly {@code name} (Debezium matches the list case-insensitively). */
    static String regex(String name) {
        StringBuilder out = new StringBuilder();
        for (char ch : name.toCharArray()) {
            if ("\\.[]{}()<>*+-=!?^$|".indexOf(ch) >= 0) {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }

    private static List<Pattern> patterns(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> Pattern.compile(s, Pattern.CASE_INSENSITIVE)).toList();
    }
}
