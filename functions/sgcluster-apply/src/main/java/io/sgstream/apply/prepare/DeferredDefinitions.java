package io.sgstream.apply.prepare;

import io.sgstream.apply.ddl.ConstraintText;
import io.sgstream.apply.sql.RowWriter.TableName;
import io.sgstream.apply.sql.Sql;
import io.sgstream.apply.staging.StagingSchema;
import io.sgstream.event.StreamId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Indexes and constraints of the captured target tables, set aside for the snapshot (StackGres's
 * {@code __migration__.constraints/indexes/primarykeys}): their definitions, as the catalog deparses them
 * ({@code pg_get_constraintdef}, {@code pg_get_indexdef}), are saved in {@code sgstream.deferred_definition} in
 * the same transaction that drops them, so a crash either keeps both or neither; they are saved once (while
 * unrestored definitions exist nothing is saved again) and restored in order: primary keys, unique, exclusion
 * and check constraints, other indexes, foreign keys last (they need the keys they reference).
 *
 * <p>Partitioned tables and their partitions keep their keys, constraints and indexes during the snapshot
 * (only their foreign keys are deferred — those of a partitioned table on it, where PostgreSQL drops and
 * recreates the partitions' clones with them, and a partition's own): an index attached to a partitioned index
 * cannot be dropped alone.
 */
final class DeferredDefinitions {

    enum Kind {
        PRIMARY_KEY("primary key"), CONSTRAINT("constraint"), INDEX("index"), FOREIGN_KEY("foreign key");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        static Kind of(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            throw new IllegalArgumentException(label);
        }
    }

    private record Definition(Kind kind, String schema, String table, String name, String create, String drop) {
    }

    private final StagingSchema schema;

    DeferredDefinitions(StagingSchema schema) {
        this.schema = schema;
    }

    String table() {
        return schema.name() + ".deferred_definition";
    }

    /** Whether definitions of this stream are saved and not yet all restored. */
    boolean pending(Connection c, StreamId stream) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table()
                + " WHERE stream = ? AND restored_at IS NULL LIMIT 1")) {
            ps.setString(1, stream.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Tables whose primary key is dropped now. */
    Set<TableName> deferredKeys(Connection c, StreamId stream) throws SQLException {
        Set<TableName> out = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_schema, table_name FROM " + table()
                + " WHERE stream = ? AND restored_at IS NULL AND kind = 'primary key'")) {
            ps.setString(1, stream.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TableName(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    /** Saves and drops the definitions of the captured tables; returns how many. */
    int saveAndDrop(Connection c, StreamId stream, CapturedTables captured, boolean primaryKeys) throws SQLException {
        List<Definition> found = read(c, captured, primaryKeys);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table() + " WHERE stream = ?")) {
            ps.setString(1, stream.toString()); // definitions restored in an earlier epoch
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table() + " (stream, ord, kind, table_schema,"
                + " table_name, name, create_statement, drop_statement) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < found.size(); i++) {
                Definition d = found.get(i);
                ps.setString(1, stream.toString());
                ps.setInt(2, i);
                ps.setString(3, d.kind.label);
                ps.setString(4, d.schema);
                ps.setString(5, d.table);
                ps.setString(6, d.name);
                ps.setString(7, d.create);
                ps.setString(8, d.drop);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            for (int i = found.size() - 1; i >= 0; i--) { // foreign keys first, keys last
                s.execute(found.get(i).drop);
            }
        }
        return found.size();
    }

    /**
     * Restores the unrestored definitions (all, or only primary keys) in order and marks them restored; returns
     * how many. A definition whose object exists again (recreated by hand) is marked restored as it is.
     */
    int restore(Connection c, StreamId stream, boolean primaryKeysOnly) throws SQLException {
        List<Object[]> todo = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ord, create_statement, kind FROM " + table()
                + " WHERE stream = ? AND restored_at IS NULL" + (primaryKeysOnly ? " AND kind = 'primary key'" : "")
                + " ORDER BY ord")) {
            ps.setString(1, stream.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    todo.add(new Object[]{rs.getInt(1), rs.getString(2)});
                }
            }
        }
        try (Statement s = c.createStatement();
             PreparedStatement done = c.prepareStatement("UPDATE " + table() + " SET restored_at = now()"
                     + " WHERE stream = ? AND ord = ?")) {
            for (Object[] d : todo) {
                s.execute("SAVEPOINT restore_definition");
                try {
                    s.execute((String) d[1]);
                    s.execute("RELEASE SAVEPOINT restore_definition");
                } catch (SQLException e) {
                    s.execute("ROLLBACK TO SAVEPOINT restore_definition");
                    if (!Set.of("42P07", "42710", "42P16").contains(e.getSQLState())) {
                        throw new SQLException("restoring a deferred definition failed: " + e.getMessage() + " ["
                                + d[1] + "]", e.getSQLState(), e);
                    }
                }
                done.setString(1, stream.toString());
                done.setInt(2, (Integer) d[0]);
                done.addBatch();
            }
            done.executeBatch();
        }
        return todo.size();
    }

    /** The object's comment, restored with it: dropping an index or constraint drops its comment. */
    private static String comment(String object, String comment) {
        return comment == null ? "" : "; COMMENT ON " + object + " IS '" + comment.replace("'", "''") + "'";
    }

    /** The definitions on the captured tables now, in restore order (primary keys only when they are deferred). */
    private List<Definition> read(Connection c, CapturedTables captured, boolean primaryKeys) throws SQLException {
        List<Definition> keys = new ArrayList<>();
        List<Definition> constraints = new ArrayList<>();
        List<Definition> indexes = new ArrayList<>();
        List<Definition> foreign = new ArrayList<>();
        String searchPath;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT current_setting('search_path'), set_config('search_path', 'pg_catalog', true)")) {
            rs.next();
            searchPath = rs.getString(1); // deparse with qualified names, then put the session's path back
        }
        try {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT n.nspname, cl.relname, con.conname, con.contype::text, pg_get_constraintdef(con.oid),"
                            + " rn.nspname, r.relname, " + ConstraintText.STORAGE + ", obj_description(con.oid, 'pg_constraint')"
                            + " FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid"
                            + " JOIN pg_namespace n ON n.oid = cl.relnamespace"
                            + " LEFT JOIN pg_class r ON r.oid = con.confrelid LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace"
                            + " WHERE con.conparentid = 0"
                            + " AND ((cl.relkind = 'r' AND NOT cl.relispartition) OR con.contype = 'f')"
                            + " AND con.contype IN ('p', 'u', 'x', 'c', 'f') AND con.conislocal"
                            + " AND n.nspname <> '" + schema.name() + "' ORDER BY 1, 2, 3")) {
                while (rs.next()) {
                    String ns = rs.getString(1);
                    String table = rs.getString(2);
                    String type = rs.getString(4);
                    boolean mine = captured.table(ns, table);
                    boolean referencesMine = "f".equals(type) && captured.table(rs.getString(6), rs.getString(7));
                    if (!mine && !referencesMine) {
                        continue;
                    }
                    Kind kind = switch (type) {
                        case "p" -> Kind.PRIMARY_KEY;
                        case "f" -> Kind.FOREIGN_KEY;
                        default -> Kind.CONSTRAINT;
                    };
                    if (kind == Kind.PRIMARY_KEY && !primaryKeys) {
                        continue;
                    }
                    String t = Sql.table(ns, table);
                    Definition d = new Definition(kind, ns, table, rs.getString(3),
                            "ALTER TABLE " + t + " ADD CONSTRAINT " + Sql.ident(rs.getString(3)) + " "
                                    + ConstraintText.withStorage(rs.getString(5), rs.getString(8))
                                    + comment("CONSTRAINT " + Sql.ident(rs.getString(3)) + " ON " + t, rs.getString(9)),
                            "ALTER TABLE " + t + " DROP CONSTRAINT " + Sql.ident(rs.getString(3)));
                    (kind == Kind.PRIMARY_KEY ? keys : kind == Kind.FOREIGN_KEY ? foreign : constraints).add(d);
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT n.nspname, cl.relname, ic.relname, pg_get_indexdef(i.indexrelid),"
                            + " obj_description(i.indexrelid, 'pg_class') FROM pg_index i"
                            + " JOIN pg_class cl ON cl.oid = i.indrelid JOIN pg_namespace n ON n.oid = cl.relnamespace"
                            + " JOIN pg_class ic ON ic.oid = i.indexrelid"
                            + " WHERE cl.relkind = 'r' AND NOT cl.relispartition AND n.nspname <> '" + schema.name() + "'"
                            + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid"
                            + "   AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))"
                            + " ORDER BY 1, 2, 3")) {
                while (rs.next()) {
                    if (captured.table(rs.getString(1), rs.getString(2))) {
                        indexes.add(new Definition(Kind.INDEX, rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4) + comment("INDEX " + Sql.table(rs.getString(1), rs.getString(3)),
                                rs.getString(5)), "DROP INDEX " + Sql.table(rs.getString(1), rs.getString(3))));
                    }
                }
            }
        } finally {
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('search_path', ?, true)")) {
                ps.setString(1, searchPath);
                ps.execute();
            }
        }
        List<Definition> all = new ArrayList<>(keys);
        all.addAll(constraints);
        all.addAll(indexes);
        all.addAll(foreign);
        return all;
    }
}
