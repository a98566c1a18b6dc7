package io.sgstream.apply.staging;

import io.sgstream.apply.sql.RowWriter.TableName;
import io.sgstream.event.StreamId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which target tables each stream has written ({@code stream_table}): when a new epoch restarts a stream, exactly
 * these are emptied before its new snapshot rewrites them. Registration happens in the transaction that writes
 * the table; this process remembers registrations once they committed, so it writes each one once.
 */
public final class StreamTables {

    private final StagingSchema schema;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public StreamTables(StagingSchema schema) {
        this.schema = schema;
    }

    /** Registers tables in the caller's transaction; pass the result to {@link #committed} after the commit. */
    public List<String> register(Connection c, StreamId stream, Collection<TableName> tables) throws SQLException {
        List<String> added = new ArrayList<>();
        List<TableName> missing = new ArrayList<>();
        for (TableName t : tables) {
            String key = key(stream, t);
            if (!known.contains(key)) {
                added.add(key);
                missing.add(t);
            }
        }
        if (missing.isEmpty()) {
            return added;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema.streamTables()
                + " (stream, table_schema, table_name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (TableName t : missing) {
                ps.setString(1, stream.toString());
                ps.setString(2, t.schema());
                ps.setString(3, t.name());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return added;
    }

    public void committed(List<String> registered) {
        known.addAll(registered);
    }

    /** The stream's tables that still exist on the target. */
    public List<TableName> existing(Connection c, StreamId stream) throws SQLException {
        List<TableName> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_schema, table_name FROM " + schema.streamTables()
                + " WHERE stream = ? AND to_regclass(format('%I.%I', table_schema, table_name)) IS NOT NULL"
                + " ORDER BY 1, 2")) {
            ps.setString(1, stream.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TableName(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    private static String key(StreamId stream, TableName t) {
        return stream + "\u0000" + t.schema() + "\u0000" + t.name();
    }
}
